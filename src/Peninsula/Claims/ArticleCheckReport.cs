using System.Net;
using System.Text;
using Peninsula.Import;

namespace Peninsula.Claims;

/// <summary>The machine and shareable forms of a check: JSON (stable, snake_case) and a self-contained HTML page.</summary>
public static class ArticleCheckReport
{
    /// <summary>
    /// The check as JSON: <c>{"published","anchor","claims":[{"text","start","end","kind","verdict","reason","evidence","facets"}]}</c>
    /// plus <c>anchor_date</c>, <c>record_end</c>, <c>notice</c>, <c>statements</c>, <c>unread</c> and per-claim <c>event_kind</c>,
    /// <c>period</c> and <c>attributed_to</c>; each facet is <c>{"facet","stated","result","mark","record","evidence"}</c>.
    /// Offsets count UTF-16 code units of the text as read.
    /// </summary>
    public static string Json(ArticleCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var document = new
        {
            published = check.Published?.ToString(),
            anchor = check.Anchor.Description,
            anchor_date = check.Anchor.Date?.ToString(),
            record_end = check.RecordEnd.ToString(),
            notice = check.Notice,
            summary = new
            {
                supported = check.Claims.Count(c => c.Verdict == ClaimVerdict.Supported),
                refuted = check.Claims.Count(c => c.Verdict == ClaimVerdict.Refuted),
                not_enough_evidence = check.Claims.Count(c => c.Verdict == ClaimVerdict.NotEnoughEvidence),
                not_checked = check.Statements.Count,
            },
            claims = check.Claims.Select(c => new
            {
                text = c.Text,
                start = c.Start,
                end = c.End,
                kind = c.Type.Slug(),
                verdict = c.Verdict.Slug(),
                reason = c.Reason,
                evidence = c.Evidence,
                event_kind = Events.Taxonomy.Slug(c.EventKind),
                period = c.Period,
                attributed_to = c.AttributedTo,
                facets = c.Facets.Select(f => new { facet = f.Facet, stated = f.Stated, result = f.Result.Slug(), mark = f.Mark, record = f.Record, evidence = f.Evidence }),
            }),
            statements = check.Statements.Select(s => new { text = s.Text, start = s.Start, end = s.End, kind = s.Type.Slug() }),
            unread = check.Unread.Select(u => new { text = u.Text, start = u.Start, end = u.End, reason = u.Reason }),
        };
        return EventJson.SerializeValue(document);
    }

    /// <summary>A self-contained HTML page: the article (escaped) with each claim highlighted by verdict, and the reasons and evidence below.</summary>
    public static string Html(ArticleCheck check, string title)
    {
        ArgumentNullException.ThrowIfNull(check);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Peninsula fact-check: ").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#222}\n")
            .Append(".article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:6px;background:#fcfcfc}\n")
            .Append("mark{padding:0 .15em;border-radius:3px}mark sup{font-size:.7em;font-weight:bold}\n")
            .Append(".supported{background:#c8f0c8}.refuted{background:#f7c6c6}.not-enough-evidence{background:#f3e6b3}\n")
            .Append("li{margin-bottom:.6rem}.verdict{font-weight:bold;text-transform:uppercase;font-size:.85em;padding:0 .3em;border-radius:3px}\n")
            .Append(".meta{color:#555;font-size:.9em}code{font-size:.9em}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>Fact-check: ").Append(E(title)).Append("</h1>\n<p class=\"meta\">Checked by Peninsula against its record (to ")
            .Append(check.RecordEnd).Append("). Dates are Korean dates (UTC+9). Anchor: ").Append(E(check.Anchor.Description)).Append(".</p>\n");
        html.Append("<p class=\"meta\">")
            .Append(Count(check, ClaimVerdict.Supported)).Append(" supported, ")
            .Append(Count(check, ClaimVerdict.Refuted)).Append(" refuted, ")
            .Append(Count(check, ClaimVerdict.NotEnoughEvidence)).Append(" not enough evidence; ")
            .Append(check.Statements.Count).Append(" opinions or intentions not checked.</p>\n");
        if (check.Notice is { } notice)
        {
            html.Append("<p><strong>").Append(E(notice)).Append("</strong></p>\n");
        }

        html.Append("<div class=\"article\">");
        var at = 0;
        var number = 0;
        foreach (var claim in check.Claims.OrderBy(c => c.Start))
        {
            number++;
            if (claim.Start < at)
            {
                continue;
            }

            html.Append(E(check.Text[at..claim.Start]))
                .Append("<mark class=\"").Append(claim.Verdict.Slug()).Append("\" title=\"").Append(E($"{claim.Verdict.Slug()}: {claim.Reason}")).Append("\">")
                .Append(E(check.Text[claim.Start..claim.End]))
                .Append("<sup><a href=\"#claim-").Append(number).Append("\">").Append(number).Append("</a></sup></mark>");
            at = claim.End;
        }

        html.Append(E(check.Text[at..])).Append("</div>\n<h2>Claims</h2>\n<ol>\n");
        number = 0;
        foreach (var claim in check.Claims.OrderBy(c => c.Start))
        {
            number++;
            html.Append("<li id=\"claim-").Append(number).Append("\"><span class=\"verdict ").Append(claim.Verdict.Slug()).Append("\">")
                .Append(claim.Verdict.Slug().Replace('-', ' ')).Append("</span> <q>").Append(E(claim.Text)).Append("</q> <span class=\"meta\">(")
                .Append(claim.Type.Slug()).Append(")</span><br>").Append(E(claim.Reason));
            html.Append("<br><span class=\"facets\">").Append(string.Join(" · ", claim.Facets.Select(f =>
                $"<span class=\"facet {f.Result.Slug()}\" title=\"{E(f.Record)}\">{E(f.Facet)} {E(f.Stated)} {f.Mark}</span>"))).Append("</span>");
            if (claim.Evidence.Count > 0)
            {
                html.Append("<br><span class=\"meta\">Evidence: ").Append(string.Join(", ", claim.Evidence.Select(id => $"<code>{E(id)}</code>"))).Append("</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        if (check.Unread.Count > 0)
        {
            html.Append("<h2>Not read</h2>\n<ul>\n");
            foreach (var u in check.Unread)
            {
                html.Append("<li>").Append(E(u.Text)).Append(" <span class=\"meta\">(").Append(E(u.Reason)).Append(")</span></li>\n");
            }

            html.Append("</ul>\n");
        }

        if (check.Statements.Count > 0)
        {
            html.Append("<h2>Not checked: opinions and intentions</h2>\n<ul>\n");
            foreach (var s in check.Statements)
            {
                html.Append("<li><span class=\"meta\">").Append(s.Type.Slug()).Append(":</span> ").Append(E(s.Text)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<p class=\"meta\">Supported: the record has the event. Refuted: the record, complete for ballistic launches and nuclear tests, contradicts it. ")
            .Append("Not enough evidence: the record cannot decide. Look an event up with <code>peninsula events show ID</code>.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static int Count(ArticleCheck check, ClaimVerdict verdict) => check.Claims.Count(c => c.Verdict == verdict);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
