using System.Net;
using System.Text.RegularExpressions;

namespace Peninsula.Web.Tests;

/// <summary>Every dashboard page is served whole: the one shared head, navigation and footer around the page's own title, content and scripts.</summary>
public sealed class DashboardPageTests : IDisposable
{
    private static readonly string[] Pages = ["/", "/timeline.html", "/map.html", "/timing.html", "/forecast.html", "/questions.html", "/check.html", "/review.html", "/event.html"];

    private readonly PeninsulaApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_page_is_one_whole_document_with_the_shared_navigation_and_footer_and_its_own_title_and_scripts()
    {
        var client = _app.CreateClient();
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Pages)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();

            Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(html, "<main id=\"main\">"));
            Assert.Single(Regex.Matches(html, "<nav aria-label=\"Main\">"));
            Assert.Contains("<a href=\"/review.html\">Review</a>", html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(html, "<footer>"));
            Assert.True(html.IndexOf("</main>", StringComparison.Ordinal) < html.IndexOf("<footer>", StringComparison.Ordinal), $"{path}: the footer comes after the page's content");
            Assert.True(html.IndexOf("</footer>", StringComparison.Ordinal) < html.IndexOf("<script", StringComparison.Ordinal), $"{path}: the scripts come after the footer");
            var title = Regex.Match(html, "<title>(.+?) · Peninsula</title>");
            Assert.True(title.Success, $"{path}: its title names the page and then Peninsula");
            Assert.True(titles.Add(title.Groups[1].Value), $"{path}: its title '{title.Groups[1].Value}' is its own");
        }
    }

    [Fact]
    public void A_page_file_that_does_not_start_with_its_title_is_served_as_it_is()
    {
        Assert.Null(DashboardPages.Page("<!doctype html><html><body>Complete in itself</body></html>"));
    }

    [Fact]
    public void A_page_file_without_its_main_element_is_refused_with_what_a_page_holds()
    {
        var error = Assert.Throws<InvalidDataException>(() => DashboardPages.Page("<title>Broken · Peninsula</title>\n<p>no main</p>\n"));
        Assert.Contains("<main>", error.Message, StringComparison.Ordinal);
    }
}
