using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Peninsula.Tests.Watch;

/// <summary>A real HTTP server on loopback for the watcher's tests; each request is answered by the test's handler.</summary>
internal sealed class TestFeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, (int Status, string Body, Dictionary<string, string> Headers)> _handler;
    private readonly Task _loop;

    public TestFeedServer(Func<HttpListenerRequest, (int Status, string Body, Dictionary<string, string> Headers)> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public int Port { get; }

    public Uri Url(string path = "/feed.xml") => new($"http://127.0.0.1:{Port}{path}");

    public List<(string Path, string? IfNoneMatch)> Requests { get; } = [];

    public static string Rss(params (string Guid, string Title)[] items) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback Wire</title>" +
        string.Concat(items.Select(i => $"<item><title>{i.Title}</title><guid>{i.Guid}</guid><link>https://example.org/{i.Guid}</link><description>Placeholder.</description></item>")) +
        "</channel></rss>";

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["If-None-Match"]));
            }

            var (status, body, headers) = _handler(context.Request);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
