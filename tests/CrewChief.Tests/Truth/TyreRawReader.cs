using System.Buffers.Binary;
using System.Text;

namespace CrewChief.Tests.Truth;

/// <summary>
/// The tyre test's own .ibt reader, written from the format facts in ../shared/telemetry/README.md and sharing no
/// code with the engine: 112-byte header, disk sub-header, 144-byte var headers, records from varBuf[0].bufOffset.
/// It reads only what a tyre claim is judged against: SessionTime, and per tyre the mean of the three tread surface
/// channels (xxtempL/M/R) and the three wear channels.
/// </summary>
internal sealed class TyreRawReader
{
    private static readonly string[] s_corners = ["LF", "RF", "LR", "RR"];

    public double[] SessionTime { get; }
    /// <summary>[record][corner]: mean surface °C; null when the file has no surface channels.</summary>
    public float[][]? Surface { get; }
    /// <summary>[record][corner]: worn % from the least tread left of the three channels; null without wear channels.</summary>
    public float[][]? WornPct { get; }

    public TyreRawReader(string path)
    {
        byte[] d = File.ReadAllBytes(path);
        int I(int at) => BinaryPrimitives.ReadInt32LittleEndian(d.AsSpan(at));
        int numVars = I(24), varHeaderOffset = I(28), bufLen = I(36), bufOffset = I(48 + 4);
        var vars = new Dictionary<string, (int Type, int Offset)>(StringComparer.Ordinal);
        for (int i = 0; i < numVars; i++)
        {
            int at = varHeaderOffset + 144 * i;
            var nameBytes = d.AsSpan(at + 16, 32);
            int end = nameBytes.IndexOf((byte)0);
            vars[Encoding.ASCII.GetString(end < 0 ? nameBytes : nameBytes[..end])] = (I(at), I(at + 4));
        }
        int n = (d.Length - bufOffset) / bufLen;
        SessionTime = new double[n];
        var (tType, tOff) = vars["SessionTime"];
        for (int r = 0; r < n; r++)
        {
            int rec = bufOffset + r * bufLen;
            SessionTime[r] = tType == 5 ? BinaryPrimitives.ReadDoubleLittleEndian(d.AsSpan(rec + tOff))
                : BinaryPrimitives.ReadSingleLittleEndian(d.AsSpan(rec + tOff));
        }
        float[][]? Triples(string a, string b, string c, Func<float, float, float, float> combine)
        {
            var offsets = new int[12];
            for (int k = 0; k < 4; k++)
            {
                string[] names = [s_corners[k] + a, s_corners[k] + b, s_corners[k] + c];
                for (int j = 0; j < 3; j++)
                {
                    if (!vars.TryGetValue(names[j], out var v) || v.Type != 4) return null;
                    offsets[3 * k + j] = v.Offset;
                }
            }
            var result = new float[n][];
            for (int r = 0; r < n; r++)
            {
                int rec = bufOffset + r * bufLen;
                float F(int o) => BinaryPrimitives.ReadSingleLittleEndian(d.AsSpan(rec + o));
                result[r] = new float[4];
                for (int k = 0; k < 4; k++) result[r][k] = combine(F(offsets[3 * k]), F(offsets[3 * k + 1]), F(offsets[3 * k + 2]));
            }
            return result;
        }
        Surface = Triples("tempL", "tempM", "tempR", (l, m, r) => (l + m + r) / 3f);
        WornPct = Triples("wearL", "wearM", "wearR", (l, m, r) => (1f - Math.Min(l, Math.Min(m, r))) * 100f);
    }

    /// <summary>The record whose SessionTime is <paramref name="t"/> (events carry it rounded to 1 ms).</summary>
    public int RecordAt(double t)
    {
        int best = -1;
        double bestGap = double.MaxValue;
        for (int r = 0; r < SessionTime.Length; r++)
        {
            double gap = Math.Abs(SessionTime[r] - t);
            if (gap < bestGap) { bestGap = gap; best = r; }
        }
        return bestGap <= 0.002 ? best : -1;
    }
}
