using System.Net;
using System.Net.Sockets;

namespace Bus.TestSupport;

/// <summary>Ports on the loopback interface for tests.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now: bound by the system's choice, then released. A server told to use it
    /// can take it; a client told to connect to it is refused.</summary>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
