using System.Net.Http.Json;
using Bus.StandIns.Faults;
using Bus.StandIns.Recording;

namespace Bus.StandIns.Client;

/// <summary>The stand-ins' control API over HTTP, for tests and scripts that run them as a separate process.
/// <paramref name="http"/>'s base address is any system's base URL: every port serves the control API.</summary>
public sealed class StandInsClient(HttpClient http)
{
    public async Task<EffectsReport> GetEffectsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync("_effects", StandInsJsonContext.Default.EffectsReport, cancellationToken)
        ?? throw new InvalidOperationException("GET /_effects answered null");

    /// <summary>Every system's counters without the effects themselves.</summary>
    public async Task<CountsReport> GetCountsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync("_effects/counts", StandInsJsonContext.Default.CountsReport, cancellationToken)
        ?? throw new InvalidOperationException("GET /_effects/counts answered null");

    public async Task<SystemEffects> GetEffectsAsync(string system, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync($"_effects/{Uri.EscapeDataString(system)}", StandInsJsonContext.Default.SystemEffects, cancellationToken)
        ?? throw new InvalidOperationException($"GET /_effects/{system} answered null");

    public async Task ResetEffectsAsync(CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync(new Uri("_effects", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode().Dispose();

    public async Task SetFaultAsync(string system, FaultSettings fault, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"_faults/{Uri.EscapeDataString(system)}", fault, StandInsJsonContext.Default.FaultSettings, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PUT /_faults/{system} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }
    }

    public async Task ClearFaultAsync(string system, CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync(new Uri($"_faults/{Uri.EscapeDataString(system)}", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode().Dispose();
}
