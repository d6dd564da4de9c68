using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Cli;

/// <summary>
/// A command's input, read from its start for each pass over it: a file is opened again; standard input (FILE
/// <c>-</c>) can be read once, so a command that needs two passes (<c>replay</c> checks before it publishes) copies it
/// to a temporary file first, deleted when this is disposed.
/// </summary>
internal sealed class InputSource : IAsyncDisposable
{
    private readonly string? _path;
    private readonly Stream? _stream;
    private Stream? _open;
    private bool _read;

    private InputSource(string? path, Stream? stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <param name="path">The FILE argument; <c>-</c> for <paramref name="standardInput"/>.</param>
    /// <param name="standardInput">Opens standard input; called only for <c>-</c>.</param>
    /// <param name="twoPasses">Whether <see cref="Pass"/> will be called twice.</param>
    public static async Task<InputSource> OpenAsync(string path, Func<Stream> standardInput, bool twoPasses)
    {
        if (path != "-")
        {
            return new InputSource(path, stream: null);
        }

        var input = standardInput();
        if (!twoPasses)
        {
            return new InputSource(path: null, input);
        }

        await using (input)
        {
            var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            try
            {
                await input.CopyToAsync(copy);
            }
            catch
            {
                await copy.DisposeAsync();
                throw;
            }

            return new InputSource(path: null, copy);
        }
    }

    /// <summary>The input from its start.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public Stream Pass()
    {
        if (_path is not null)
        {
            _open?.Dispose();
            return _open = StreamEventFile.Open(_path);
        }

        if (_stream!.CanSeek)
        {
            _stream.Position = 0;
            return _stream;
        }

        // Only a command with one pass reads standard input itself.
        _read = _read ? throw new InvalidOperationException("standard input can be read once") : true;
        return _stream;
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is not null)
        {
            await _open.DisposeAsync();
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }
}
