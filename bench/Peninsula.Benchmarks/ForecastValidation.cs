using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Record;

namespace Peninsula.Benchmarks;

/// <summary>
/// The validation period the forecast model's settings are chosen on: weekly issue dates
/// 2016-01-01 .. 2021-12-31, every target and horizon, every model against climatology.
/// Run with <c>dotnet run -c Release --project bench/Peninsula.Benchmarks -- forecast-validate</c>;
/// settings are chosen here, never on the goal period (2022-01-01 .. 2025-06-30).
/// </summary>
public static class ForecastValidation
{
    public static readonly KoreanDate From = new(2016, 1, 1);
    public static readonly KoreanDate To = new(2021, 12, 31);

    public static string Run(KoreanDate? from = null, KoreanDate? to = null)
    {
        var first = from ?? From;
        var last = to ?? To;
        var events = BundledRecord.Events;
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var results = Backtest.RunAll(events, first, last);
        Line($"## Validation: weekly issue dates {first} .. {last}, every target and horizon");
        Line($"");
        Line($"| model | any-missile 7: BSS | ECE | pairs worse than climatology | sum of negative BSS | worst |");
        Line($"| --- | ---: | ---: | ---: | ---: | --- |");
        var goal = results.First(r => r.Target == ForecastTarget.AnyMissile && r.HorizonDays == 7);
        for (var m = 0; m < goal.Scores.Count; m++)
        {
            var worse = results.Where(r => r.Scores[m].Brier > r.Scores[0].Brier).ToList();
            var worst = worse.OrderBy(r => r.Scores[m].Bss).FirstOrDefault();
            var worstText = worst is null ? "-" : $"{worst.Target.Slug} {worst.HorizonDays} ({worst.Scores[m].Bss:0.000})";
            Line($"| {goal.Scores[m].Model} | {goal.Scores[m].Bss:0.000} | {goal.Scores[m].Ece:0.000} | {worse.Count} | {worse.Sum(r => r.Scores[m].Bss):0.000} | {worstText} |");
        }

        Line($"");
        Line($"| target | horizon | {string.Join(" | ", goal.Scores.Select(s => s.Model))} |");
        Line($"| --- | ---: |{string.Concat(goal.Scores.Select(_ => " ---: |"))}");
        foreach (var r in results)
        {
            Line($"| {r.Target.Slug} | {r.HorizonDays} | {string.Join(" | ", r.Scores.Select(s => s.Bss.ToString("0.000", CultureInfo.InvariantCulture)))} |");
        }

        return text.ToString();
    }
}
