using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Peninsula.Web;

/// <summary>
/// The dashboard's files (<c>wwwroot</c> next to the program), with every page put in the one
/// layout all pages share (<c>Layout.html</c>, built into this assembly: the head, the navigation
/// and the footer). A page file holds only what is its own, in this order: its
/// <c>&lt;title&gt;…&lt;/title&gt;</c> on the first line, its <c>&lt;main&gt;</c> element, and the
/// scripts it loads after the footer. Other files, and an HTML file that does not start with a
/// title, are served as they are.
/// </summary>
internal sealed class DashboardPages : IFileProvider, IDisposable
{
    private const string TitleStart = "<title>";
    private const string TitleEnd = "</title>";
    private const string MainEnd = "</main>";

    private static readonly Lazy<string> Layout = new(ReadLayout);

    private readonly PhysicalFileProvider _files;
    private readonly ConcurrentDictionary<string, IFileInfo> _pages = new(StringComparer.Ordinal);

    public DashboardPages(string directory) => _files = new PhysicalFileProvider(directory);

    public void Dispose() => _files.Dispose();

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => _files.Watch(filter);

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = _files.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory || !subpath.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            return file;
        }

        // Composed once per version of the file: an edited page is put in the layout again.
        return _pages.TryGetValue(subpath, out var composed) && composed.LastModified == file.LastModified
            ? composed
            : _pages[subpath] = Compose(file);
    }

    /// <summary>The page in <paramref name="file"/> put in the layout, or the file itself when it is not a page.</summary>
    internal static IFileInfo Compose(IFileInfo file)
    {
        string text;
        using (var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var page = Page(text);
        return page is null ? file : new ComposedPage(file.Name, file.LastModified, Encoding.UTF8.GetBytes(page));
    }

    /// <summary>
    /// The whole HTML document of a page file's <paramref name="text"/>, or null when the text does
    /// not start with a title (a document complete in itself).
    /// </summary>
    internal static string? Page(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(TitleStart, StringComparison.Ordinal))
        {
            return null;
        }

        var titleEnd = text.IndexOf(TitleEnd, StringComparison.Ordinal);
        var mainEnd = text.LastIndexOf(MainEnd, StringComparison.Ordinal);
        if (titleEnd < 0 || mainEnd < titleEnd)
        {
            throw new InvalidDataException("A dashboard page starts with its <title>, then holds its <main> element, then its scripts; this one does not.");
        }

        var title = text[TitleStart.Length..titleEnd];
        var mainStart = titleEnd + TitleEnd.Length;
        var afterMain = mainEnd + MainEnd.Length;
        var main = text[mainStart..afterMain].TrimStart('\r', '\n') + "\n";
        var scripts = text[afterMain..].TrimStart('\r', '\n');
        return Layout.Value.Replace("{{title}}", title, StringComparison.Ordinal)
            .Replace("{{main}}", main, StringComparison.Ordinal)
            .Replace("{{scripts}}", scripts, StringComparison.Ordinal);
    }

    private static string ReadLayout()
    {
        using var stream = typeof(DashboardPages).Assembly.GetManifestResourceStream("Peninsula.Web.Layout.html")
            ?? throw new InvalidOperationException("The dashboard's layout is missing from the build. Build Peninsula again (dotnet build).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed class ComposedPage(string name, DateTimeOffset lastModified, byte[] content) : IFileInfo
    {
        public bool Exists => true;

        public long Length => content.Length;

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }
}
