using System.Text.Json;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Hosting;

namespace Bus.StreamBridge.Cli;

/// <summary>
/// <c>invoke</c>: calls the Lambda entry point, <see cref="LambdaFunction.Handle"/>, with the file as the invocation's
/// event, as the managed runtime does (a new host, the deployed configuration: <c>appsettings.json</c> and environment
/// variables), and writes its response. A local check of a captured batch, and what <c>bench/cold-start.sh</c> times.
/// </summary>
internal static class InvokeCommand
{
    public static async Task<int> RunAsync(string[] args, Stream output, TextWriter error)
    {
        if (args is not [var path] || path.StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(
                "error: invoke takes one FILE and no overrides; it reads its configuration as the function does, from " +
                "appsettings.json and environment variables (e.g. Bus__Transport=RabbitMq)");
            await error.WriteLineAsync(BridgeCli.Usage);
            return ExitCodes.InvalidInput;
        }

        FileStream input;
        try
        {
            input = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {path}: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            Stream response;
            await using (input)
            {
                response = await new LambdaFunction().Handle(input);
            }

            await using (response)
            {
                using var body = new MemoryStream();
                await response.CopyToAsync(body);
                var json = body.GetBuffer().AsMemory(0, (int)body.Length);
                await output.WriteAsync(json);
                await output.WriteAsync("\n"u8.ToArray());
                await output.FlushAsync();
                using var document = JsonDocument.Parse(json);
                return document.RootElement.GetProperty("batchItemFailures").GetArrayLength() == 0 ? ExitCodes.Success : ExitCodes.RecordsFailed;
            }
        }
        catch (DecodingException e)
        {
            await error.WriteLineAsync($"error: {path}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The invocation failed as a whole, for any reason: Lambda would retry the batch; so does the exit status.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"error: the invocation failed, Lambda would retry the whole batch: {e.GetType().Name}: {e.Message}");
            return ExitCodes.RecordsFailed;
        }
        finally
        {
            await LambdaFunction.StopAsync();
        }
    }
}
