namespace Peninsula.Benchmarks;

/// <summary>What a benchmark says of the machine it ran on, beside its timings.</summary>
internal static class Machine
{
    /// <summary>The load averages over 1, 5 and 15 minutes: other work on the machine shows here, and wall times mean little when it exceeds the processor count.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
