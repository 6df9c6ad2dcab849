using System.Net;
using System.Net.Sockets;

namespace Mesh.Testing;

public static class FreePort
{
    /// <summary>
    /// Below Linux's ephemeral range (32768-60999), where the kernel picks local ports for outgoing
    /// connections: a port from there could be taken by some connection before the process meant to listen
    /// on it binds it.
    /// </summary>
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port that is free now, never handed out twice in one test run.</summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(First, Last);
            lock (Handed)
            {
                if (Handed.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Handed.Add(port);
                return port;
            }
        }
    }

    private static bool IsFree(int port)
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
