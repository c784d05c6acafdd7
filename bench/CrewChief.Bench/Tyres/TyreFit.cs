using System.Globalization;
using CrewChief.Strategy;

namespace CrewChief.Bench.Tyres;

/// <summary>
/// `dotnet run -c Release --project bench/CrewChief.Bench -- tyres-fit [DIR]`: fits the engine's tread-surface heat
/// balance (<see cref="TyreHeat"/>, 4 constants) to the live surface channels of every real .ibt in DIR (default
/// ../shared/telemetry/ibt) and reports the error it would have on a file it has not seen: leave-one-file-out and,
/// harder, leave-one-car-out (the file's whole car type held out). The shipped constants are scored too.
/// Error is |estimate − measured| per tyre per record while the car moves at 10 m/s or more (the only time the
/// engine makes a tyre call), in °C.
/// </summary>
internal static class TyreFit
{
    private const float MinSpeed = 10f;

    public static int Run(string[] args)
    {
        string dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "telemetry", "ibt");
        if (!Directory.Exists(dir)) { Console.Error.WriteLine($"{dir}: no such folder; pass the folder of real .ibt files."); return 2; }
        var recs = new List<TyreRecording>();
        foreach (var path in Directory.GetFiles(dir, "*.ibt").Order(StringComparer.Ordinal))
        {
            var r = TyreRecording.Load(path);
            int moving = r is null ? 0 : r.Speed.Count(s => s >= MinSpeed);
            if (r is null || moving < 60) { Console.WriteLine($"skip {Path.GetFileName(path)}: {(r is null ? "no surface channels" : "under 1 s driven")}"); continue; }
            recs.Add(r);
        }
        var c = CultureInfo.InvariantCulture;
        var all = Fit(recs, TyreHeatParams.Fitted);
        Console.WriteLine(string.Create(c, $"fit on all {recs.Count} files: {Show(all)}  (MAE {Mae(recs, all):0.0} °C in-sample)"));
        Console.WriteLine(string.Create(c, $"shipped: {Show(TyreHeatParams.Fitted)}  (MAE {Mae(recs, TyreHeatParams.Fitted):0.0} °C in-sample)"));
        Console.WriteLine();
        Console.WriteLine("| file | car | tyre-samples | held-out file MAE / p95 / bias | held-out car MAE / p95 | shipped MAE / p95 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var byCar = new Dictionary<string, (List<float> file, List<float> car, List<float> shipped)>();
        foreach (var r in recs)
        {
            var fileOut = Fit(recs.Where(x => x != r).ToList(), all);
            var others = recs.Where(x => x.Car != r.Car).ToList();
            var carOut = others.Count > 0 ? Fit(others, all) : fileOut;
            List<float> ef = [], ec = [], es = [], bias = [];
            r.Errors(fileOut, MinSpeed, ef);
            r.Errors(fileOut, MinSpeed, bias, signed: true);
            r.Errors(carOut, MinSpeed, ec);
            r.Errors(TyreHeatParams.Fitted, MinSpeed, es);
            if (!byCar.TryGetValue(r.Car, out var acc)) byCar[r.Car] = acc = ([], [], []);
            acc.file.AddRange(ef); acc.car.AddRange(ec); acc.shipped.AddRange(es);
            Console.WriteLine(string.Create(c,
                $"| {r.File} | {r.Car} | {ef.Count} | {ef.Average():0.0} / {P95(ef):0.0} / {bias.Average():+0.0;-0.0} | {ec.Average():0.0} / {P95(ec):0.0} | {es.Average():0.0} / {P95(es):0.0} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| car | tyre-samples | held-out file MAE / p95 | held-out car MAE / p95 | shipped (in-sample) MAE / p95 |");
        Console.WriteLine("|---|---|---|---|---|");
        List<float> af = [], ac = [], ash = [];
        foreach (var (car, acc) in byCar)
        {
            af.AddRange(acc.file); ac.AddRange(acc.car); ash.AddRange(acc.shipped);
            Console.WriteLine(string.Create(c,
                $"| {car} | {acc.file.Count} | {acc.file.Average():0.0} / {P95(acc.file):0.0} | {acc.car.Average():0.0} / {P95(acc.car):0.0} | {acc.shipped.Average():0.0} / {P95(acc.shipped):0.0} |"));
        }
        Console.WriteLine(string.Create(c,
            $"| all | {af.Count} | {af.Average():0.0} / {P95(af):0.0} | {ac.Average():0.0} / {P95(ac):0.0} | {ash.Average():0.0} / {P95(ash):0.0} |"));
        return 0;
    }

    private static string Show(TyreHeatParams p) => string.Create(CultureInfo.InvariantCulture,
        $"gain {p.Gain:0.0000}, road {p.RoadCooling:0.0000}, air {p.AirCooling:0.00000}, rolling {p.RollingLoad:0.000}");

    private static float P95(List<float> e)
    {
        var s = e.ToArray();
        Array.Sort(s);
        return s[(int)Math.Min(s.Length - 1, Math.Ceiling(0.95 * s.Length) - 1)];
    }

    /// <summary>Mean absolute error, each file weighted by its samples.</summary>
    private static double Mae(List<TyreRecording> recs, in TyreHeatParams p)
    {
        var e = new List<float>(1 << 16);
        foreach (var r in recs) r.Errors(p, MinSpeed, e);
        return e.Count == 0 ? 0 : e.Average();
    }

    /// <summary>Nelder–Mead on the logarithms of the four constants (all positive), from <paramref name="start"/>.</summary>
    private static TyreHeatParams Fit(List<TyreRecording> recs, TyreHeatParams start)
    {
        static TyreHeatParams FromLog(double[] x) =>
            new((float)Math.Exp(x[0]), (float)Math.Exp(x[1]), (float)Math.Exp(x[2]), (float)Math.Exp(x[3]));
        double Cost(double[] x) => Mae(recs, FromLog(x));
        const int n = 4;
        double[] x0 = [Math.Log(start.Gain), Math.Log(start.RoadCooling), Math.Log(start.AirCooling), Math.Log(start.RollingLoad)];
        var pts = new double[n + 1][];
        var f = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            pts[i] = (double[])x0.Clone();
            if (i > 0) pts[i][i - 1] += 0.5;
            f[i] = Cost(pts[i]);
        }
        for (int iter = 0; iter < 300; iter++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => f[i]).ToArray();
            pts = order.Select(i => pts[i]).ToArray();
            f = order.Select(i => f[i]).ToArray();
            if (f[n] - f[0] < 1e-4) break;
            var centroid = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
            double[] Along(double t) => centroid.Select((cj, j) => cj + t * (pts[n][j] - cj)).ToArray();
            var xr = Along(-1); double fr = Cost(xr);
            if (fr < f[0])
            {
                var xe = Along(-2); double fe = Cost(xe);
                (pts[n], f[n]) = fe < fr ? (xe, fe) : (xr, fr);
            }
            else if (fr < f[n - 1]) (pts[n], f[n]) = (xr, fr);
            else
            {
                var xc = Along(fr < f[n] ? -0.5 : 0.5); double fc = Cost(xc);
                if (fc < Math.Min(fr, f[n])) (pts[n], f[n]) = (xc, fc);
                else
                    for (int i = 1; i <= n; i++)
                    {
                        pts[i] = pts[i].Select((v, j) => pts[0][j] + 0.5 * (v - pts[0][j])).ToArray();
                        f[i] = Cost(pts[i]);
                    }
            }
        }
        int best = Array.IndexOf(f, f.Min());
        return FromLog(pts[best]);
    }
}
