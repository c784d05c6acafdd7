using System.Globalization;
using System.Text;

namespace CrewChief.Pipeline;

/// <summary>
/// The live console view. In an interactive console it redraws a fixed block in place (SetCursorPosition works in
/// the plain Windows console as well as VT terminals); when output is redirected it prints a status line every
/// few seconds instead, so logs stay readable. Runs on its own low-priority thread: never on the tick.
/// </summary>
public sealed class ConsoleView : IDisposable
{
    private readonly DashboardState _state;
    private readonly bool _interactive;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private int _top = -1;
    private int _lastHeight;

    public ConsoleView(DashboardState state, bool? interactive = null)
    {
        _state = state;
        _interactive = interactive ?? (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
        _thread = new Thread(Loop) { Name = "crewchief-console", IsBackground = true, Priority = ThreadPriority.BelowNormal };
    }

    public void Start() => _thread.Start();

    private void Loop()
    {
        int interval = _interactive ? 250 : 10_000;
        while (!_stop.Wait(interval))
        {
            try
            {
                if (_interactive) Redraw();
                else Console.WriteLine(StatusLine(_state));
            }
            catch (IOException)
            {
                return; // console gone (window closed): the engine keeps running without a view
            }
        }
    }

    private void Redraw()
    {
        string[] lines = Render(_state);
        int width = Math.Max(20, SafeWidth() - 1);
        if (_top < 0) _top = Console.CursorTop;
        if (_top + Math.Max(lines.Length, _lastHeight) >= Console.BufferHeight) _top = Math.Max(0, Console.BufferHeight - lines.Length - 1);
        Console.SetCursorPosition(0, _top);
        var sb = new StringBuilder();
        for (int i = 0; i < Math.Max(lines.Length, _lastHeight); i++)
        {
            string l = i < lines.Length ? lines[i] : "";
            sb.Append(l.Length > width ? l[..width] : l.PadRight(width)).Append('\n');
        }
        Console.Write(sb.ToString());
        _lastHeight = lines.Length;
    }

    private static int SafeWidth()
    {
        try { return Console.WindowWidth; } catch (IOException) { return 100; }
    }

    /// <summary>The block the interactive view draws.</summary>
    public static string[] Render(DashboardState s)
    {
        var lines = new List<string>
        {
            $"CrewChief  {s.Connection}",
            $"{s.Track}  {s.Car}  {s.Session}",
            $"P{s.Position}  lap {s.Lap}{(s.LapsRemaining >= 0 ? $"  ({s.LapsRemaining} to go)" : "")}   last {Lap(s.LastLap)}  best {Lap(s.BestLap)}",
            $"fuel {F(s.FuelLitres, "0.0")} L = {F(s.FuelLapsLeft, "0.0")} laps   to finish {F(s.FuelToFinish, "0.0")} L   add {F(s.FuelToAdd, "0.0")} L",
            $"gap ahead {F(s.GapAhead, "0.0")} s   behind {F(s.GapBehind, "0.0")} s",
            // Confidence 1 is the sim's own surface reading; below it an estimate. Wear "--" = never measured.
            $"tyres ({(s.TyreConfidence >= 1f ? "measured" : $"estimate, ±{CrewChief.Strategy.TyreModel.EstimateErrorC:0}°C")})  " +
                $"FL {F(s.TyreTemp[0], "0")}°C {F(s.TyreWear[0], "0")}%  FR {F(s.TyreTemp[1], "0")}°C {F(s.TyreWear[1], "0")}%  " +
                $"RL {F(s.TyreTemp[2], "0")}°C {F(s.TyreWear[2], "0")}%  RR {F(s.TyreTemp[3], "0")}°C {F(s.TyreWear[3], "0")}%",
            $"tick {s.TickMicros:0.0} µs",
            "recent callouts:",
        };
        Span<string> recent = new string[6];
        int n = s.CopyCallouts(recent);
        for (int i = 0; i < n; i++) lines.Add("  " + recent[i]);
        return [.. lines];
    }

    public static string StatusLine(DashboardState s) =>
        $"[{s.Connection}] P{s.Position} lap {s.Lap} fuel {F(s.FuelLapsLeft, "0.0")} laps, gap +{F(s.GapAhead, "0.0")}/-{F(s.GapBehind, "0.0")} s";

    private static string F(float v, string format) => float.IsNaN(v) ? "--" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string Lap(float seconds)
    {
        if (float.IsNaN(seconds) || seconds <= 0) return "--:--.---";
        int m = (int)(seconds / 60);
        return $"{m}:{(seconds - m * 60).ToString("00.000", CultureInfo.InvariantCulture)}";
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive) _thread.Join(1000);
        _stop.Dispose();
    }
}
