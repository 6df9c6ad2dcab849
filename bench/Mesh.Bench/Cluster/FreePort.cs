using System.Net;
using System.Net.Sockets;

namespace Mesh.Bench.Cluster;

internal static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port the OS reports free, never handed out twice by this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
