using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Hosting;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// Corpus inputs that are not a stream event at all: the invocation fails with an error that says what is wrong,
/// so Lambda retries the batch (and bisects it) instead of checkpointing past records it never saw. Nothing is
/// published and nothing is stored. Odd inputs that are stream events are handled.
/// </summary>
public sealed class BadEventSpecs(BridgeUnderTest bridge) : IClassFixture<BridgeUnderTest>
{
    public static TheoryData<string> Rejected => Corpus.Files(e => e.Shape == CorpusShapes.Event && e.Outcome == CorpusOutcomes.Rejected);

    public static TheoryData<string> Accepted => Corpus.Files(e => e.Shape == CorpusShapes.Event && e.Outcome != CorpusOutcomes.Rejected);

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Input_that_is_not_a_stream_event_fails_the_invocation_with_a_clear_error(string file)
    {
        var entry = Corpus.Entry(file);

        var invocation = await bridge.InvokeAsync(Corpus.Read(file));

        var error = Assert.IsType<DecodingException>(invocation.Error);
        Assert.StartsWith(entry.Reason!, error.Message, StringComparison.Ordinal);
        Assert.Null(invocation.Response);
        Assert.Empty(invocation.Published);
        Assert.Empty(invocation.Stored);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task The_Lambda_entry_point_fails_the_invocation_too(string file)
    {
        var entry = Corpus.Entry(file);

        var error = await Assert.ThrowsAsync<DecodingException>(() => new LambdaFunction().Handle(new MemoryStream(Corpus.Read(file))));

        Assert.StartsWith(entry.Reason!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task An_odd_but_valid_event_is_handled(string file)
    {
        var entry = Corpus.Entry(file);

        var invocation = await bridge.InvokeAsync(Corpus.Read(file));

        Assert.Null(invocation.Error);
        Assert.Equal(Invocation.NoFailures, invocation.Response);
        Assert.Equal(entry.Events, invocation.Published.Select(p => p.MessageId).Distinct().Count());
        Assert.Equal(entry.Events, invocation.Published.Count);
        Assert.Empty(invocation.Stored);
    }
}
