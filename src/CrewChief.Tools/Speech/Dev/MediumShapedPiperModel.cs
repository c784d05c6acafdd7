using CrewChief.Speech;
namespace CrewChief.Tools.Speech.Dev;

/// <summary>
/// A random-weight model with the compute shape of a Piper "medium" VITS voice, for benchmarks: the same inputs and
/// output as a real export and the same heavy layers, so its run time approximates a real voice's. What is real and
/// what is approximated:
/// <list type="bullet">
/// <item>Text encoder, as in Piper medium: 256×192 embedding, 6 transformer layers (hidden 192, 2 heads, conv FFN
/// 768 with kernel 3, layer norms), projection to mean/log-std (192+192).</item>
/// <item>Duration predictor: 2 conv layers (192, kernel 3) + projection, computed and folded in at zero weight; the
/// real stochastic predictor's flows are left out. Alignment is a fixed <see cref="FramesPerId"/> frames per id ×
/// length_scale (Expand) instead of predicted durations. Two frames (23 ms) per id matches a real voice's pace:
/// pads and stress marks take almost no time, so a phoneme with its pad lasts about 90 ms ("Car left." ≈ 0.6 s).</item>
/// <item>Flow (reverse): 4 coupling layers, each 1×1 pre-conv 96→192, 4 gated WaveNet layers (kernel 5, 192→384,
/// tanh·sigmoid, 1×1 192→192 residual), 1×1 post-conv 192→96; the channel flips are omitted (a permutation, free).
/// The prior noise (noise_scale) is not sampled.</item>
/// <item>HiFi-GAN decoder with the real layer shapes (<see cref="Medium"/> or <see cref="High"/>): conv_pre k7,
/// ConvTranspose upsampling stages halving the channels, after each the residual blocks averaged, conv_post k7 to
/// one channel, tanh. This is where the time goes.</item>
/// </list>
/// Output [1,1,1,T] with T = 256 × frames (hop 256 at 22 050 Hz; both decoders upsample ×256).
/// </summary>
public static class MediumShapedPiperModel
{
    public const int SampleRate = 22050;
    public const int Hidden = 192;
    public const int FramesPerId = 2;
    private const int Vocab = 256;

    /// <summary>
    /// A HiFi-GAN decoder's hyper-parameters. Residual block type 1 runs two convolutions per dilation (the second
    /// undilated), type 2 one.
    /// </summary>
    public sealed record DecoderShape(string Name, int InitialChannels, int[] UpsampleRates, int[] UpsampleKernels, int[] ResKernels, int[][] ResDilations, int ResBlockType);

    /// <summary>
    /// Piper "medium" (and "low"): ×8 ×8 ×4, 256 channels, residual blocks type 2 with kernels 3, 5, 7 and dilations
    /// (1,2), (2,6), (3,12). With the 192-wide encoder and flow this gives ~15 M parameters — the ~63 MB of a real
    /// medium .onnx.
    /// </summary>
    public static readonly DecoderShape Medium = new("medium", 256, [8, 8, 4], [16, 16, 8], [3, 5, 7], [[1, 2], [2, 6], [3, 12]], 2);

    /// <summary>
    /// HiFi-GAN V1 as in Piper "high": ×8 ×8 ×2 ×2, 512 channels, type 1 blocks with kernels 3, 7, 11 and dilations
    /// 1, 3, 5 — ~28 M parameters, the ~110 MB of a real high .onnx. (The issue text called this shape "medium".)
    /// </summary>
    public static readonly DecoderShape High = new("high", 512, [8, 8, 2, 2], [16, 16, 4, 4], [3, 7, 11], [[1, 3, 5], [1, 3, 5], [1, 3, 5]], 1);

    public static byte[] Build(DecoderShape? decoder = null, int seed = 1)
    {
        decoder ??= Medium;
        var rng = new Random(seed);
        var g = new OnnxGraphBuilder("medium_shaped_piper");
        g.Input("input", OnnxGraphBuilder.Int64, "1", "N");
        g.Input("input_lengths", OnnxGraphBuilder.Int64, "1");
        g.Input("scales", OnnxGraphBuilder.Float, "3");
        g.Output("output", OnnxGraphBuilder.Float, "1", "1", "1", "T");

        // Text encoder on [1, N, 192].
        string x = g.Node("Gather", [g.Const(Weights(rng, Vocab * Hidden, 1f), Vocab, Hidden), "input"], attributes: OnnxAttribute.Int("axis", 0));
        x = g.Node("Mul", [x, g.Scalar(MathF.Sqrt(Hidden) * 0.1f)]);
        for (int layer = 0; layer < 6; layer++)
        {
            x = LayerNorm(g, g.Node("Add", [x, Attention(g, rng, x)]));
            string channelsFirst = g.Node("Transpose", [x], attributes: OnnxAttribute.Ints("perm", 0, 2, 1));
            string ffn = Conv(g, rng, channelsFirst, Hidden, 768, 3, 1);
            ffn = g.Node("Relu", [ffn]);
            ffn = Conv(g, rng, ffn, 768, Hidden, 3, 1);
            x = LayerNorm(g, g.Node("Add", [x, g.Node("Transpose", [ffn], attributes: OnnxAttribute.Ints("perm", 0, 2, 1))]));
        }
        string enc = g.Node("Transpose", [x], attributes: OnnxAttribute.Ints("perm", 0, 2, 1)); // [1,192,N]
        string stats = Conv(g, rng, enc, Hidden, 2 * Hidden, 1, 1);
        string[] meanLogs = g.NodeMulti("Split", [stats, g.ConstInt64([Hidden, Hidden], 2)], 2, OnnxAttribute.Int("axis", 1));
        string mean = meanLogs[0];

        // Duration predictor, folded in at zero weight so the optimiser keeps it.
        string dp = g.Node("Relu", [Conv(g, rng, enc, Hidden, Hidden, 3, 1)]);
        dp = g.Node("Relu", [Conv(g, rng, dp, Hidden, Hidden, 3, 1)]);
        dp = Conv(g, rng, dp, Hidden, 1, 1, 1);
        mean = g.Node("Add", [mean, g.Node("Mul", [g.Node("ReduceMean", [dp], attributes: OnnxAttribute.Int("keepdims", 1)), g.Scalar(0f)])]);
        mean = g.Node("Add", [mean, g.Node("Mul", [meanLogs[1], g.Scalar(0f)])]);

        // Fixed alignment: every id lasts FramesPerId × length_scale frames.
        string lengthScale = g.Node("Gather", ["scales", g.ScalarInt64(1)], attributes: OnnxAttribute.Int("axis", 0));
        string frames = g.Node("Cast", [g.Node("Ceil", [g.Node("Mul", [lengthScale, g.Scalar(FramesPerId)])])], attributes: OnnxAttribute.Int("to", OnnxGraphBuilder.Int64));
        string expanded = g.Node("Expand", [g.Node("Unsqueeze", [mean, g.ConstInt64([3], 1)]),
            g.Node("Concat", [g.Node("Shape", [g.Node("Unsqueeze", [mean, g.ConstInt64([3], 1)])], attributes: OnnxAttribute.Int("end", 3)),
                g.Node("Unsqueeze", [frames, g.ConstInt64([0], 1)])], attributes: OnnxAttribute.Int("axis", 0))]);
        string z = g.Node("Reshape", [expanded, g.ConstInt64([1, Hidden, -1], 3)]);

        // Flow: four coupling layers.
        for (int flow = 0; flow < 4; flow++)
        {
            string[] halves = g.NodeMulti("Split", [z, g.ConstInt64([Hidden / 2, Hidden / 2], 2)], 2, OnnxAttribute.Int("axis", 1));
            string h = Conv(g, rng, halves[0], Hidden / 2, Hidden, 1, 1);
            for (int l = 0; l < 4; l++)
            {
                string gated = Conv(g, rng, h, Hidden, 2 * Hidden, 5, 1);
                string[] ab = g.NodeMulti("Split", [gated, g.ConstInt64([Hidden, Hidden], 2)], 2, OnnxAttribute.Int("axis", 1));
                string act = g.Node("Mul", [g.Node("Tanh", [ab[0]]), g.Node("Sigmoid", [ab[1]])]);
                h = g.Node("Add", [h, Conv(g, rng, act, Hidden, Hidden, 1, 1)]);
            }
            string shift = Conv(g, rng, h, Hidden, Hidden / 2, 1, 1);
            z = g.Node("Concat", [halves[0], g.Node("Sub", [halves[1], shift])], attributes: OnnxAttribute.Int("axis", 1));
        }

        // HiFi-GAN decoder.
        int channels = decoder.InitialChannels;
        string y = Conv(g, rng, z, Hidden, channels, 7, 1);
        for (int stage = 0; stage < decoder.UpsampleRates.Length; stage++)
        {
            int rate = decoder.UpsampleRates[stage], kernel = decoder.UpsampleKernels[stage], outChannels = channels / 2;
            y = g.Node("LeakyRelu", [y], attributes: OnnxAttribute.Float("alpha", 0.1f));
            y = g.Node("ConvTranspose", [y, g.Const(Weights(rng, channels * outChannels * kernel, 1f / MathF.Sqrt(channels * kernel / rate)), channels, outChannels, kernel),
                g.Const(new float[outChannels], outChannels)], attributes:
                [OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("strides", rate), OnnxAttribute.Ints("pads", (kernel - rate) / 2, (kernel - rate) / 2)]);
            channels = outChannels;
            string? sum = null;
            for (int b = 0; b < decoder.ResKernels.Length; b++)
            {
                int k = decoder.ResKernels[b];
                string r = y;
                foreach (int d in decoder.ResDilations[b])
                {
                    string t = g.Node("LeakyRelu", [r], attributes: OnnxAttribute.Float("alpha", 0.1f));
                    t = Conv(g, rng, t, channels, channels, k, d);
                    if (decoder.ResBlockType == 1)
                    {
                        t = g.Node("LeakyRelu", [t], attributes: OnnxAttribute.Float("alpha", 0.1f));
                        t = Conv(g, rng, t, channels, channels, k, 1);
                    }
                    r = g.Node("Add", [r, g.Node("Mul", [t, g.Scalar(0.3f)])]);
                }
                sum = sum is null ? r : g.Node("Add", [sum, r]);
            }
            y = g.Node("Mul", [sum!, g.Scalar(1f / decoder.ResKernels.Length)]);
        }
        y = g.Node("LeakyRelu", [y], attributes: OnnxAttribute.Float("alpha", 0.01f));
        y = g.Node("Tanh", [Conv(g, rng, y, channels, 1, 7, 1)]);
        g.Node("Unsqueeze", [y, g.ConstInt64([1], 1)], "output");
        return g.ToModel();
    }

    public static byte[] BuildConfig() => VoiceConfigWriter.Write(SampleRate, "en-us", 1, "medium-shaped");

    public static void Write(string onnxPath, DecoderShape? decoder = null, int seed = 1)
    {
        File.WriteAllBytes(onnxPath, Build(decoder, seed));
        File.WriteAllBytes(onnxPath + ".json", BuildConfig());
    }

    /// <summary>Two-head self-attention on [1, N, 192].</summary>
    private static string Attention(OnnxGraphBuilder g, Random rng, string x)
    {
        const int heads = 2, headDim = Hidden / heads;
        string Project() => g.Node("MatMul", [x, g.Const(Weights(rng, Hidden * Hidden, 1f / MathF.Sqrt(Hidden)), Hidden, Hidden)]);
        string Heads(string t, params long[] perm) => g.Node("Transpose", [g.Node("Reshape", [t, g.ConstInt64([1, -1, heads, headDim], 4)])], attributes: OnnxAttribute.Ints("perm", perm));
        string q = Heads(Project(), 0, 2, 1, 3);   // [1,2,N,96]
        string k = Heads(Project(), 0, 2, 3, 1);   // [1,2,96,N]
        string v = Heads(Project(), 0, 2, 1, 3);
        string scores = g.Node("Mul", [g.Node("MatMul", [q, k]), g.Scalar(1f / MathF.Sqrt(headDim))]);
        string attended = g.Node("MatMul", [g.Node("Softmax", [scores], attributes: OnnxAttribute.Int("axis", -1)), v]);
        string merged = g.Node("Reshape", [g.Node("Transpose", [attended], attributes: OnnxAttribute.Ints("perm", 0, 2, 1, 3)), g.ConstInt64([1, -1, Hidden], 3)]);
        return g.Node("MatMul", [merged, g.Const(Weights(rng, Hidden * Hidden, 1f / MathF.Sqrt(Hidden)), Hidden, Hidden)]);
    }

    private static string LayerNorm(OnnxGraphBuilder g, string x)
    {
        var ones = new float[Hidden];
        Array.Fill(ones, 1f);
        return g.Node("LayerNormalization", [x, g.Const(ones, Hidden), g.Const(new float[Hidden], Hidden)], attributes: OnnxAttribute.Int("axis", -1));
    }

    /// <summary>Conv1d [1,in,L] → [1,out,L] with "same" padding.</summary>
    private static string Conv(OnnxGraphBuilder g, Random rng, string x, int inChannels, int outChannels, int kernel, int dilation)
    {
        int pad = dilation * (kernel - 1) / 2;
        string w = g.Const(Weights(rng, outChannels * inChannels * kernel, 1f / MathF.Sqrt(inChannels * kernel)), outChannels, inChannels, kernel);
        string b = g.Const(new float[outChannels], outChannels);
        return g.Node("Conv", [x, w, b], attributes:
            [OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("dilations", dilation), OnnxAttribute.Ints("pads", pad, pad)]);
    }

    private static float[] Weights(Random rng, int count, float scale)
    {
        var w = new float[count];
        for (int i = 0; i < w.Length; i++) w[i] = (rng.NextSingle() * 2f - 1f) * scale;
        return w;
    }
}
