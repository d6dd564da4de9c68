using System.Net;

namespace Bus.StandIns.Hosting;

/// <summary>Where the stand-ins listen and which secrets they verify (configuration section <c>StandIns</c>,
/// environment variables <c>StandIns__…</c>).</summary>
public sealed class StandInOptions
{
    public const string SectionName = "StandIns";

    /// <summary>Address every system listens on unless <see cref="Urls"/> names one: 127.0.0.1, or 0.0.0.0 in a container.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Full listen URL per system (<c>StandIns:Urls:Email=http://0.0.0.0:9101</c>); wins over the port.</summary>
    public Dictionary<string, string> Urls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Port and signing secret per system.</summary>
    public Dictionary<string, StandInSystemOptions> Systems { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far <c>X-Bus-Timestamp</c> may lie from the stand-in's clock before the request counts as a
    /// replay and is refused with 401, as a real webhook receiver does. Zero switches the check off.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seed of the fault-injection dice, for reproducible runs; unset draws a fresh one.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Every system on a free loopback port, with its default secret: what tests and the demo host in-process.</summary>
    public static StandInOptions OnFreeLoopbackPorts()
    {
        var options = new StandInOptions();
        foreach (var system in StandInSystems.All)
        {
            options.Systems[system] = new StandInSystemOptions { Port = 0 };
        }

        return options;
    }

    /// <summary>The secret <paramref name="system"/> verifies signatures with.</summary>
    public string SigningSecretOf(string system) =>
        Find(Systems, system)?.SigningSecret is { Length: > 0 } secret ? secret : StandInSystems.DefaultSigningSecret(system);

    /// <summary>The URL <paramref name="system"/> listens on (port 0 means a free one).</summary>
    public string ListenUrlOf(string system)
    {
        if (Find(Urls, system) is { Length: > 0 } url)
        {
            return url;
        }

        var port = Find(Systems, system)?.Port ?? StandInSystems.DefaultPort(system);
        var host = IPAddress.Parse(BindAddress).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{BindAddress}]" : BindAddress;
        return $"http://{host}:{port}";
    }

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            problems.Add($"StandIns:BindAddress '{BindAddress}' is not an IP address");
        }

        foreach (var name in Urls.Keys.Concat(Systems.Keys).Where(name => !StandInSystems.TryCanonical(name, out _)).Distinct())
        {
            problems.Add($"StandIns names an unknown system '{name}'; known: {string.Join(", ", StandInSystems.All)}");
        }

        foreach (var (name, url) in Urls)
        {
            // Kestrel's own forms (http://*:5081, http://+:5081) are welcome; TLS is not what a stand-in is for.
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"StandIns:Urls:{name} '{url}' is not an http:// URL");
            }
        }

        foreach (var (name, system) in Systems)
        {
            if (system.Port is < 0 or > 65535)
            {
                problems.Add($"StandIns:Systems:{name}:Port {system.Port} is outside 0..65535");
            }

            // The services' ExternalSystemOptions insist on 16 characters; a shorter one could never match.
            if (system.SigningSecret is { } secret && secret.Length < 16)
            {
                problems.Add($"StandIns:Systems:{name}:SigningSecret must have at least 16 characters");
            }
        }

        if (SignatureTolerance < TimeSpan.Zero)
        {
            problems.Add("StandIns:SignatureTolerance must not be negative");
        }

        return problems;
    }

    private static T? Find<T>(Dictionary<string, T> entries, string system) where T : class
    {
        foreach (var (name, value) in entries)
        {
            if (string.Equals(name, system, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
