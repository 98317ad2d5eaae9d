using System.Globalization;
using System.Net;
using System.Text;

namespace Peninsula.Benchmarks;

/// <summary>
/// Whether anonymous clients asking for expensive analyses can starve the server (issue 19):
/// <c>peninsula serve</c> (Release build, its own process) on the bundled record, wrk on
/// <c>/api/events</c> at 64 connections, first alone and then while 4 anonymous clients ask for the
/// forecasts as of a new date in a loop, each as soon as the last answer (or refusal) came. Prints
/// wrk's figures for both runs and what the 4 clients got, as Markdown. The target: p99 of
/// <c>/api/events</c> under 50 ms under attack.
/// </summary>
internal static class WebHostile
{
    private const string Url = "http://127.0.0.1:5182";
    private const int Attackers = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        if (ServedPeninsula.ReleaseCli() is not { } cli)
        {
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("peninsula-web-hostile");
        var db = Path.Combine(folder.FullName, "peninsula.db");
        try
        {
            await using var server = await ServedPeninsula.StartAsync(cli, db, Url, "--log-level", "warning");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            Console.Error.WriteLine("Server up; computing today's forecasts once…");
            (await http.GetAsync(Url + "/api/forecasts")).EnsureSuccessStatusCode();
            (await http.GetAsync(Url + "/api/events")).EnsureSuccessStatusCode();

            Console.Error.WriteLine($"wrk on /api/events, 64 connections, {seconds} s, alone…");
            var alone = WebLoad.Wrk(Url + "/api/events", 64, seconds, null);

            Console.Error.WriteLine($"…and again while {Attackers} anonymous clients ask for new forecasts in a loop.");
            using var stop = new CancellationTokenSource();
            var answers = new Answers();
            var attackers = Enumerable.Range(0, Attackers).Select(i => AttackAsync(i, answers, stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var attacked = WebLoad.Wrk(Url + "/api/events", 64, seconds, null);
            await stop.CancelAsync();
            await Task.WhenAll(attackers);

            var output = new StringBuilder();
            output.AppendLine(CultureInfo.InvariantCulture, $"`peninsula serve` (Release) on the bundled record (SQLite), {Environment.ProcessorCount} processors, wrk with 2 threads for {seconds} s; {DateTime.UtcNow:yyyy-MM-dd} UTC.");
            output.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end (other work on the machine shows here; latency figures mean little when it exceeds the processor count): {Machine.LoadAverage()}.");
            output.AppendLine();
            output.AppendLine("| run | requests/s | p50 | p99 | errors |");
            output.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            output.AppendLine(CultureInfo.InvariantCulture, $"| `GET /api/events`, 64 connections, alone | {alone.RequestsPerSecond:N0} | {alone.P50} | {alone.P99} | {alone.Errors} |");
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| `GET /api/events`, 64 connections, with {Attackers} anonymous clients asking `GET /api/forecasts?as_of=<a new date>` in a loop | {attacked.RequestsPerSecond:N0} | {attacked.P50} | {attacked.P99} | {attacked.Errors} |");
            output.AppendLine();
            output.AppendLine(CultureInfo.InvariantCulture,
                $"The {Attackers} clients (one address, so one budget) sent {answers.Sent:N0} requests: {answers.Computed:N0} answered with new forecasts (200), {answers.Refused:N0} refused (429, over the budget of new analyses), {answers.Other:N0} other, {answers.Unanswered:N0} still computing when the run ended.");
            output.AppendLine(CultureInfo.InvariantCulture,
                $"p99 of `/api/events` under attack: {Milliseconds(attacked.P99):0.0} ms against the target of 50 ms: {(Milliseconds(attacked.P99) < 50 ? "met" : "not met")}.");
            Console.Write(output.ToString());
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One anonymous client: a forecast as of a date never asked before, again and again.</summary>
    private static async Task AttackAsync(int client, Answers answers, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var day = new DateOnly(2000, 1, 1).AddDays(client * 2000);
        while (!cancellationToken.IsCancellationRequested)
        {
            day = day.AddDays(1);
            answers.Send();
            try
            {
                using var response = await http.GetAsync($"{Url}/api/forecasts?as_of={day:yyyy-MM-dd}", cancellationToken);
                answers.Count(response.StatusCode);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static double Milliseconds(string wrk) =>
        wrk.EndsWith("us", StringComparison.Ordinal) ? double.Parse(wrk[..^2], CultureInfo.InvariantCulture) / 1000
        : wrk.EndsWith("ms", StringComparison.Ordinal) ? double.Parse(wrk[..^2], CultureInfo.InvariantCulture)
        : double.Parse(wrk[..^1], CultureInfo.InvariantCulture) * 1000;

    private sealed class Answers
    {
        private int _sent;
        private int _computed;
        private int _refused;
        private int _other;

        public int Computed => _computed;

        public int Refused => _refused;

        public int Other => _other;

        public int Sent => _sent;

        public int Unanswered => Sent - Computed - Refused - Other;

        public void Send() => Interlocked.Increment(ref _sent);

        public void Count(HttpStatusCode status)
        {
            if (status == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _computed);
            }
            else if (status == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                Interlocked.Increment(ref _other);
            }
        }
    }
}
