using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Cli;

/// <summary>Writes JSON lines to a stream through one reused buffer: the CLI's output path.</summary>
internal sealed class JsonLinesWriter : IAsyncDisposable
{
    // The generated context as it is: options of its own (even only an encoder) would turn off its fast path, the
    // serialization code generated per type, and fall back to the slower metadata-driven serializer. Escaping is the
    // writers' business anyway: serializing into a Utf8JsonWriter escapes with that writer's encoder.
    private static readonly EventJsonContext Context = EventJsonContext.Default;
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly Utf8JsonWriter _bodyWriter;

    public JsonLinesWriter(Stream output)
    {
        _output = new BufferedStream(output, 64 * 1024);
        _writer = new Utf8JsonWriter(_line, WriterOptions);
        _bodyWriter = new Utf8JsonWriter(_body, WriterOptions);
    }

    /// <summary>The writer for the next line; call <see cref="EndLineAsync"/> when it is complete.</summary>
    public Utf8JsonWriter Line => _writer;

    public ValueTask EndLineAsync()
    {
        _writer.Flush();
        _output.Write(_line.WrittenSpan);
        _output.WriteByte((byte)'\n');
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes <c>{"type": …, "messageId": …, …the event's fields}</c>.</summary>
    public ValueTask WriteEventAsync(OutgoingEvent outgoing)
    {
        var type = outgoing.Message.GetType();
        var typeInfo = Context.GetTypeInfo(type) as JsonTypeInfo
            ?? throw new InvalidOperationException($"{type.Name} is not registered in {nameof(EventJsonContext)}");
        JsonSerializer.Serialize(_bodyWriter, outgoing.Message, typeInfo);
        _bodyWriter.Flush();

        _writer.WriteStartObject();
        _writer.WriteString("type"u8, type.Name);
        _writer.WriteString("messageId"u8, outgoing.MessageId);
        _writer.Flush();
        // Splice the event's own properties after ours: drop our closing brace and the event's opening one.
        _output.Write(_line.WrittenSpan);
        var body = _body.WrittenSpan;
        if (body.Length > 2)
        {
            _output.WriteByte((byte)',');
            _output.Write(body[1..]);
        }
        else
        {
            _output.WriteByte((byte)'}');
        }

        _output.WriteByte((byte)'\n');
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        _body.ResetWrittenCount();
        _bodyWriter.Reset(_body);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _bodyWriter.DisposeAsync();
        await _output.FlushAsync();
    }
}
