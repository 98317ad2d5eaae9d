namespace Peninsula.Forecasting;

/// <summary>The days on which one target happened, with prefix counts for constant-time window questions.</summary>
internal sealed class TargetSeries
{
    private readonly int[] _cumulative;
    private readonly Dictionary<int, int[]> _windowPositives = [];

    public TargetSeries(int days, IEnumerable<int> eventDays)
    {
        Occurs = new bool[days];
        foreach (var d in eventDays)
        {
            if (d >= 0 && d < days)
            {
                Occurs[d] = true;
            }
        }

        _cumulative = new int[days + 1];
        var list = new List<int>();
        for (var i = 0; i < days; i++)
        {
            _cumulative[i + 1] = _cumulative[i] + (Occurs[i] ? 1 : 0);
            if (Occurs[i])
            {
                list.Add(i);
            }
        }

        EventDays = list;
    }

    /// <summary>Whether the target happened on each day index.</summary>
    public bool[] Occurs { get; }

    /// <summary>The day indices with an event, ascending.</summary>
    public IReadOnlyList<int> EventDays { get; }

    /// <summary>The number of event days in <paramref name="from"/> .. <paramref name="to"/> (inclusive, clipped to the series).</summary>
    public int Count(int from, int to)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, Occurs.Length - 1);
        return to < from ? 0 : _cumulative[to + 1] - _cumulative[from];
    }

    /// <summary>Whether the target happens in t+1 .. t+horizon: the outcome of a forecast issued at day t.</summary>
    public bool Outcome(int t, int horizon) => Count(t + 1, t + horizon) > 0;

    /// <summary>The latest event day on or before <paramref name="t"/>, or -1.</summary>
    public int LastOnOrBefore(int t)
    {
        var list = (List<int>)EventDays;
        var i = list.BinarySearch(t);
        if (i >= 0)
        {
            return list[i];
        }

        i = ~i - 1;
        return i >= 0 ? list[i] : -1;
    }

    /// <summary>
    /// How many issue days 0 .. <paramref name="last"/> had the target within the horizon after
    /// them; the numerator of the base rate. Needs outcomes known by then: last + horizon must be
    /// a day of the series.
    /// </summary>
    public int PositiveWindows(int horizon, int last)
    {
        int[] prefix;
        lock (_windowPositives)
        {
            if (!_windowPositives.TryGetValue(horizon, out prefix!))
            {
                prefix = new int[Occurs.Length + 1];
                for (var t = 0; t < Occurs.Length; t++)
                {
                    prefix[t + 1] = prefix[t] + (Outcome(t, horizon) ? 1 : 0);
                }

                _windowPositives[horizon] = prefix;
            }
        }

        return last < 0 ? 0 : prefix[Math.Min(last, Occurs.Length - 1) + 1];
    }
}
