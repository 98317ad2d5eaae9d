using System.Text;
using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Reading;

/// <summary>
/// Issue 16, item 3: no text makes the fact-check throw. Real published documents (the development
/// set), mutated at random, and random text: every check returns, and every claim and unread
/// sentence lies inside the text.
/// </summary>
public sealed class NothingEscapesTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    /// <summary>Fragments that have tripped readers of dates and numbers: partial, relative and malformed times, huge numbers.</summary>
    private static readonly string[] Splices =
    [
        "Earlier last week", "later next week", "on Monday, March 21", "2024/03/18", "2024-13-45", "0000-00-00", "Jan. 6",
        "99999999999999999999 missiles", "its 4000000000th nuclear test", "since 1800", "three days ago", "May last year",
        "the following month", "(KCNA) --", "SEOUL, Dec. 30 (Yonhap) --", "?", "...", "\u2019s", "—", "\n\n", "\0", "\uFFFD",
        "North Korea has not", "for the first time since", "an ICBM and a nuclear test in January and last month",
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_real_documents_are_checked_without_an_exception(int seed)
    {
        var set = RealClaimSet.Load(Path.Combine(BundledRecordTests.RepositoryRoot(), "bench", "claims-real"));
        var ids = set.Documents.Keys.Order(StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var document = set.Document(ids[random.Next(ids.Count)]);
            var text = Mutate(document.Text, random);
            var published = random.Next(3) == 0 ? (KoreanDate?)null : document.Published;
            AssertWhole(text, Bundled.Value.Check(text, published));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_text_is_checked_without_an_exception(int seed)
    {
        var random = new Random(1000 + seed);
        for (var round = 0; round < 25; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 400);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(6) switch
                {
                    0 => Splices[random.Next(Splices.Length)],
                    1 => " ",
                    2 => ". ",
                    _ => (char)random.Next(1, 0x3000),
                });
            }

            AssertWhole(text.ToString(), Bundled.Value.Check(text.ToString(), new KoreanDate(2024, 1, 1)));
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var i = random.Next(1, 12); i > 0 && builder.Length > 0; i--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Splices[random.Next(Splices.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(random.Next(1, 40), builder.Length - at));
                    break;
                case 2:
                    builder.Insert(at, builder.ToString(at, Math.Min(random.Next(1, 200), builder.Length - at)));
                    break;
                default:
                    builder[at] = (char)random.Next(1, 0x2100);
                    break;
            }
        }

        return builder.ToString();
    }

    private static void AssertWhole(string text, ArticleCheck check)
    {
        Assert.Equal(text, check.Text);
        Assert.All(check.Claims, c => Assert.InRange(c.Start, 0, c.End));
        Assert.All(check.Claims, c => Assert.InRange(c.End, c.Start, text.Length));
        Assert.All(check.Claims, c => Assert.NotEmpty(c.Facets));
        // The checker catches what a sentence throws and lists it as unread: none may be listed.
        Assert.Empty(check.Unread);
    }
}
