using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Peninsula.Tests.Watch;

/// <summary>
/// A raw HTTP/1.1 server on loopback that plays what a hostile or broken feed site does, one case
/// per path: <c>/good.xml</c> a small valid feed, <c>/nested.xml</c> 200,000 nested elements in a
/// description, <c>/nested-html.xml</c> 200,000 nested escaped HTML tags, <c>/reset.xml</c> a
/// connection reset in the middle of the body, <c>/drip.xml</c> headers and then one byte every
/// 200 ms, <c>/huge.xml</c> 150,000 items (about 12 MB).
/// </summary>
internal sealed class HostileFeedServer : IDisposable
{
    public const int HugeItems = 150_000;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HostileFeedServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(Serve);
    }

    public int Port { get; }

    public List<string> Requests { get; } = [];

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public static string Good() =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback Wire</title>" +
        "<item><title>A good item about Hwasong</title><guid>good-1</guid><description>&lt;p&gt;Still &lt;b&gt;read&lt;/b&gt;.&lt;/p&gt;</description></item>" +
        "</channel></rss>";

    public static string Nested(int depth = 200_000) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><item><title>Deep</title><description>" +
        string.Concat(Enumerable.Repeat("<x>", depth)) + "text" + string.Concat(Enumerable.Repeat("</x>", depth)) +
        "</description></item></channel></rss>";

    public static string NestedHtml(int depth = 200_000) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep HTML</title><item><title>Deep HTML</title><guid>deep-html</guid><description>" +
        string.Concat(Enumerable.Repeat("&lt;div&gt;", depth)) + "deep text" + string.Concat(Enumerable.Repeat("&lt;/div&gt;", depth)) +
        "</description></item></channel></rss>";

    public static string Huge(int items = HugeItems)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
        for (var i = 0; i < items; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>Item {i}</title><guid>huge-{i}</guid><description>Text {i}.</description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Answer(client));
        }
    }

    private async Task Answer(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await RequestPath(stream);
                lock (Requests)
                {
                    Requests.Add(path);
                }

                switch (path)
                {
                    case "/reset.xml":
                        var start = Encoding.UTF8.GetBytes(Good()[..100]);
                        await Headers(stream, 100_000);
                        await stream.WriteAsync(start, _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await Task.Delay(100, _stop.Token);
                        client.Client.LingerState = new LingerOption(true, 0); // close with a reset
                        client.Client.Close();
                        return;
                    case "/drip.xml":
                        var body = Encoding.UTF8.GetBytes(Good());
                        await Headers(stream, body.Length);
                        foreach (var b in body)
                        {
                            await stream.WriteAsync(new[] { b }, _stop.Token);
                            await Task.Delay(200, _stop.Token);
                        }

                        return;
                    default:
                        var text = path switch
                        {
                            "/nested.xml" => Nested(),
                            "/nested-html.xml" => NestedHtml(),
                            "/huge.xml" => Huge(),
                            _ => Good(),
                        };
                        var bytes = Encoding.UTF8.GetBytes(text);
                        await Headers(stream, bytes.Length);
                        await stream.WriteAsync(bytes, _stop.Token);
                        return;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (as the watcher does from a slow server): nothing to answer.
            }
        }
    }

    private static async Task<string> RequestPath(NetworkStream stream)
    {
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var line = request.ToString().Split("\r\n")[0].Split(' ');
        return line.Length > 1 ? line[1] : "/";
    }

    private async Task Headers(NetworkStream stream, int length)
    {
        var headers = $"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
