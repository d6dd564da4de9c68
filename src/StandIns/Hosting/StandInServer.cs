using System.Text.Json;
using Bus.StandIns.Faults;
using Bus.StandIns.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bus.StandIns.Hosting;

/// <summary>
/// Every stand-in, each on its own port, sharing one <see cref="EffectLedger"/> and one <see cref="FaultBoard"/>.
/// Every port also serves the control API: <c>GET|DELETE /_effects</c>, <c>GET /_effects/&lt;System&gt;</c>,
/// <c>GET /_effects/counts</c>, <c>GET /_faults</c>, <c>PUT|DELETE /_faults/&lt;System&gt;</c> and <c>GET /health</c>.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly Dictionary<string, Uri> _baseUrls = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    private StandInServer(StandInOptions options, TimeProvider time)
    {
        Options = options;
        Effects = new EffectLedger();
        Faults = new FaultBoard(time, options.RandomSeed);
    }

    public StandInOptions Options { get; }

    /// <summary>What every system received.</summary>
    public EffectLedger Effects { get; }

    /// <summary>The faults injected, settable in-process as well as over HTTP.</summary>
    public FaultBoard Faults { get; }

    /// <summary>Base URL (ending in <c>/</c>) of each system, as a client on this machine reaches it.</summary>
    public IReadOnlyDictionary<string, Uri> BaseUrls => _baseUrls;

    public Uri BaseUrlOf(string system) => _baseUrls[StandInSystems.Canonical(system)];

    public string SigningSecretOf(string system) => Options.SigningSecretOf(StandInSystems.Canonical(system));

    /// <summary>The <c>ExternalSystems:&lt;System&gt;:BaseUrl</c> and <c>:SigningSecret</c> settings that point a
    /// consumer service at these stand-ins.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ExternalSystemsConfiguration() =>
        StandInSystems.All.SelectMany(system => new KeyValuePair<string, string?>[]
        {
            new($"ExternalSystems:{system}:BaseUrl", BaseUrlOf(system).ToString()),
            new($"ExternalSystems:{system}:SigningSecret", SigningSecretOf(system)),
        });

    /// <summary>Starts every system and returns once all of them accept connections.</summary>
    /// <exception cref="ArgumentException">The options name unknown systems or unusable addresses.</exception>
    public static async Task<StandInServer> StartAsync(
        StandInOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Stand-in settings are not usable: " + string.Join("; ", problems), nameof(options));
        }

        time ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var server = new StandInServer(options, time);
        try
        {
            foreach (var system in StandInSystems.All)
            {
                await server.StartSystem(system, loggerFactory, time, cancellationToken);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task StartSystem(string system, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(StandInServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseUrls(Options.ListenUrlOf(system));
        var app = builder.Build();
        _apps.Add(app);

        var endpoint = new SystemEndpoint(system, SigningSecretOf(system), Options.SignatureTolerance, Effects, Faults, time, loggerFactory.CreateLogger<StandInServer>());
        MapControl(app, system);
        app.Map("{**path}", endpoint.Handle);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseUrls[system] = Reachable(new Uri(address));
        StandInLog.Listening(loggerFactory.CreateLogger<StandInServer>(), system, _baseUrls[system]);
    }

    private void MapControl(WebApplication app, string system)
    {
        app.MapGet("/health", () => TypedResults.Json(new StandInHealth("Healthy", system), StandInsJsonContext.Default.StandInHealth));
        app.MapGet("/_effects", () => TypedResults.Json(Effects.Snapshot(), StandInsJsonContext.Default.EffectsReport));
        // A literal segment wins over {name}: "counts" is no system's name.
        app.MapGet("/_effects/counts", () => TypedResults.Json(Effects.Counts(), StandInsJsonContext.Default.CountsReport));
        app.MapGet("/_effects/{name}", (string name) => StandInSystems.TryCanonical(name, out var known)
            ? Results.Json(Effects.Snapshot(known), StandInsJsonContext.Default.SystemEffects)
            : UnknownSystem(name));
        app.MapDelete("/_effects", () =>
        {
            Effects.Reset();
            return TypedResults.NoContent();
        });
        app.MapGet("/_faults", () => TypedResults.Json(new Dictionary<string, FaultSettings>(Faults.Snapshot()), StandInsJsonContext.Default.DictionaryStringFaultSettings));
        app.MapPut("/_faults/{name}", async (string name, HttpRequest request) =>
        {
            if (!StandInSystems.TryCanonical(name, out var known))
            {
                return UnknownSystem(name);
            }

            FaultSettings? fault;
            try
            {
                fault = await JsonSerializer.DeserializeAsync(request.Body, StandInsJsonContext.Default.FaultSettings, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.Text($"the fault is not valid JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
            }

            var problems = fault?.Problems() ?? ["the fault body is empty"];
            if (problems.Count > 0)
            {
                return Results.Text(string.Join("; ", problems), statusCode: StatusCodes.Status400BadRequest);
            }

            Faults.Set(known, fault!);
            return Results.Json(fault, StandInsJsonContext.Default.FaultSettings);
        });
        app.MapDelete("/_faults/{name}", (string name) =>
        {
            if (!StandInSystems.TryCanonical(name, out var known))
            {
                return UnknownSystem(name);
            }

            Faults.Clear(known);
            return Results.NoContent();
        });
    }

    private static IResult UnknownSystem(string name) =>
        Results.Text($"unknown system '{name}'; known: {string.Join(", ", StandInSystems.All)}", statusCode: StatusCodes.Status404NotFound);

    // A stand-in bound to every interface is reached on loopback from this machine.
    private static Uri Reachable(Uri address)
    {
        var host = address.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" ? "127.0.0.1" : address.Host;
        return new UriBuilder(address) { Host = host, Path = "/" }.Uri;
    }
}
