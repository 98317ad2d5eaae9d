using System.Xml.Linq;
using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Tests.Forecasting;

public sealed class ForecastReportTests
{
    [Fact]
    public void The_reliability_diagram_is_valid_svg_with_a_dot_per_filled_bin_and_a_legend_per_horizon()
    {
        var events = Enumerable.Range(0, 300).Select(i => ForecastModelsTests.Launch(10_000 + (i * 17))).ToList();
        var results = new[] { 7, 30 }.Select(h => Backtest.Run(events, ForecastTarget.AnyMissile, h, new KoreanDate(2024, 1, 1), new KoreanDate(2025, 6, 30))).ToList();

        var svg = XDocument.Parse(ForecastReport.ReliabilitySvg(ForecastTarget.AnyMissile, results));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var filledBins = results.Sum(r => r.Chosen.Reliability.Count(b => b.Count > 0));
        Assert.Equal(filledBins, svg.Descendants(ns + "circle").Count());
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("30 days (ECE ", StringComparison.Ordinal));
    }
}
