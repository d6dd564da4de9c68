using System.Net;
using System.Net.Sockets;

namespace Bus.EndToEnd.Stack;

/// <summary>
/// Loopback ports nothing listens on, so a run can sit beside scripts/stack.sh or the tests. Below Linux's ephemeral
/// range (32768+), as scripts/stack.sh chooses them, so no outgoing connection takes the port before the child binds it.
/// </summary>
internal sealed class FreePorts
{
    private readonly HashSet<int> _given = [];

    public int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (!_given.Contains(port) && CanBind(port))
            {
                _given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port found between 20000 and 32000");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
