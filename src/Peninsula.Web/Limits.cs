namespace Peninsula.Web;

/// <summary>The bounds the server keeps to: request sizes, page sizes, work per request, rate-limit policies.</summary>
internal static class Limits
{
    /// <summary>The largest article <c>POST /api/check</c> takes (the fact-check's own limit plus room for JSON).</summary>
    public const long MaxCheckBodyBytes = Claims.ArticleInput.MaxBytes + 64 * 1024;

    /// <summary>The largest event a write takes.</summary>
    public const int MaxEventBodyBytes = 256 * 1024;

    /// <summary>Events per page when the client does not say.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most events one page holds.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The most permutations one timing request runs.</summary>
    public const int MaxPermutations = 20_000;

    /// <summary>The most issue dates one backtest over the web scores (weekly since 2010 is about 800).</summary>
    public const int MaxBacktestIssues = 1000;

    /// <summary>The rate-limit policy of the fact-check.</summary>
    public const string CheckPolicy = "check";

    /// <summary>The rate-limit policy of writes.</summary>
    public const string WritesPolicy = "writes";
}
