using System.Text;
using Peninsula.Claims;
using Peninsula.Record;

namespace Peninsula.Tests.Claims;

/// <summary>Bad input gets a plain message, never a crash, and is read only up to the limit.</summary>
public sealed class ArticleInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Refusal(Action read) => Assert.Throws<InputException>(read).Message;

    [Fact]
    public void Empty_and_blank_articles_are_refused()
    {
        Assert.Contains("the article is empty", Refusal(() => ArticleInput.Read(new MemoryStream(), "a.txt")));
        Assert.Contains("the article is empty", Refusal(() => ArticleInput.Read(new StringReader(" \n\t\n"), "standard input")));
    }

    [Fact]
    public void Binary_input_is_refused()
    {
        Assert.Contains("binary", Refusal(() => ArticleInput.Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]), "archive.zip")));
        Assert.Contains("not UTF-8", Refusal(() => ArticleInput.Read(new MemoryStream([0x4E, 0x6F, 0x72, 0x74, 0x68, 0xC3, 0x28, 0xFF]), "latin.txt")));
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var path = _folder.File("huge.txt");
        using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        var message = Refusal(() => ArticleInput.ReadFile(path));
        Assert.Contains("larger than the limit of 5 MB", message);
        Assert.Contains("(50 MB)", message);
    }

    [Fact]
    public void A_stream_over_the_limit_is_refused_after_reading_at_most_one_byte_past_it()
    {
        var stream = new CountingStream();

        Assert.Contains("larger than the limit", Refusal(() => ArticleInput.Read(stream, "pipe")));
        Assert.Equal(ArticleInput.MaxBytes + 1, stream.Consumed);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var text = ArticleInput.Read(new MemoryStream([.. Encoding.UTF8.Preamble, .. "North Korea"u8]), "bom.txt");
        Assert.Equal("North Korea", text);
    }

    [Theory]
    [InlineData("북한은 2017년 9월 3일 여섯 번째 핵실험을 실시했다.", "Korean (Hangul)")]
    [InlineData("朝鲜于2017年9月3日进行了第六次核试验。", "Chinese or Japanese")]
    [InlineData("Северная Корея провела шестое ядерное испытание.", "Cyrillic")]
    public void Text_in_another_language_gets_a_clear_notice_and_no_claims(string text, string script)
    {
        var check = new ArticleChecker(BundledRecord.Events).Check(text);

        Assert.Empty(check.Claims);
        Assert.Equal($"No claims found: the text looks like it is written in {script}. Peninsula reads claims in English only.", check.Notice);
    }

    [Fact]
    public void A_megabyte_without_a_full_stop_is_read_in_bounded_sentences()
    {
        var text = string.Concat(Enumerable.Repeat("North Korea fired missile fired missile ", 1 << 15));

        var check = new ArticleChecker(BundledRecord.Events).Check(text);

        // One claim per cut of at most a thousand characters, each within its cut.
        Assert.InRange(check.Claims.Count, text.Length / 1000, text.Length / 500);
        Assert.All(check.Claims, c => Assert.True(c.End - c.Start <= 1000));
    }

    [Fact]
    public void The_check_reads_and_writes_the_same_under_a_german_culture()
    {
        var article = ExampleArticleTests.Example("what-is-north-korea-going-to-do.txt");
        var checker = new ArticleChecker(BundledRecord.Events);
        var invariant = ArticleCheckReport.Json(checker.Check(article, new Peninsula.Events.KoreanDate(2021, 1, 15)));
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(invariant, ArticleCheckReport.Json(checker.Check(article, new Peninsula.Events.KoreanDate(2021, 1, 15))));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    /// <summary>An endless stream of 'a' that counts what was taken from it.</summary>
    private sealed class CountingStream : Stream
    {
        public long Consumed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            Consumed += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
