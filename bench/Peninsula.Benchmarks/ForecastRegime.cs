using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The regime experiment: the change-point model against climatology and the forecast model on
/// issue dates 1995-2021 only (four splits), per target and horizon.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-regime</c>.
/// </summary>
public static class ForecastRegime
{
    public static string Run()
    {
        var from = new KoreanDate(1995, 1, 1);
        var to = new KoreanDate(2021, 12, 31);
        var data = ForecastData.Build(BundledRecord.Events, to.AddDays(365));
        var first = ForecastData.Index(from);
        var last = first + ((ForecastData.Index(to) - first) / 7 * 7);
        var splits = new[] { (1995, 2002), (2003, 2009), (2010, 2015), (2016, 2021) };
        var pairs = ForecastTarget.All.SelectMany(t => ForecastTarget.Horizons.Select(h => (t, h))).ToList();
        var rows = new string[pairs.Count];
        string[] models = ["change-point", "recent-rate-365d", "hawkes", "pool", "ensemble"];
        Parallel.For(0, pairs.Count, k =>
        {
            var (target, h) = pairs[k];
            var problem = new ForecastProblem(data, target, h);
            var run = RollingForecast.Run(problem, first, last);
            var cells = new List<string>();
            foreach (var (a, b) in splits)
            {
                var idx = Enumerable.Range(0, run.IssueDays.Length)
                    .Where(i => run.IssueDays[i] >= ForecastData.Index(new KoreanDate(a, 1, 1)) && run.IssueDays[i] <= ForecastData.Index(new KoreanDate(b, 12, 31)))
                    .ToList();
                var y = idx.Select(i => problem.Series.Outcome(run.IssueDays[i], h)).ToList();
                var clim = idx.Select(i => run.Probabilities[0][i]).ToList();
                var bss = models.Select(m => Scoring.BrierSkillScore(idx.Select(i => run.Probabilities[Array.IndexOf(RollingForecast.Models, m)][i]).ToList(), clim, y));
                cells.Add(string.Join(" ", bss.Select(v => v.ToString("+0.000;-0.000", CultureInfo.InvariantCulture))) + $" ({y.Count(o => o)}/{y.Count})");
            }

            rows[k] = $"| {target.Slug} {h} | {string.Join(" | ", cells)} |";
        });

        var text = new StringBuilder();
        text.Append("BSS against climatology: ").Append(string.Join(", ", models)).Append("; (positive windows/issue dates)\n");
        text.Append("| pair | ").Append(string.Join(" | ", splits.Select(s => $"{s.Item1}-{s.Item2}"))).Append(" |\n");
        foreach (var r in rows)
        {
            text.Append(r).Append('\n');
        }

        return text.ToString();
    }
}
