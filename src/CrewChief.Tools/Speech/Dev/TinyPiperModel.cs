using CrewChief.Speech;
namespace CrewChief.Tools.Speech.Dev;

/// <summary>
/// A tiny ONNX model with Piper's exact input/output contract, to prove the ONNX Runtime path without a real voice.
/// Each id becomes <c>floor(HopLength × length_scale)</c> samples of value <c>id/100 + sid/10</c>, so the output
/// length depends on the input length and length_scale, and the speaker id is visible in the samples.
/// Graph (opset 17): Cast(input) → Mul 0.01 [+ Cast(sid)·0.1] → Unsqueeze → Expand to [1,N,K] → Reshape to
/// [1,1,T] or [1,1,1,T], with K = Cast(Gather(scales,1)·HopLength) and [1,N,K] = Concat(Shape(input), K).
/// </summary>
public static class TinyPiperModel
{
    /// <summary>Samples per id at length_scale 1.</summary>
    public const int HopLength = 256;

    public const int SampleRate = 22050;

    /// <summary>Which variant: speaker count (&gt;1 adds the <c>sid</c> input) and output rank 3 or 4.</summary>
    public readonly record struct Shape(int Speakers = 1, bool Rank4 = false);

    public static byte[] Build(Shape shape)
    {
        var g = new OnnxGraphBuilder("tiny_piper");
        g.Input("input", OnnxGraphBuilder.Int64, "1", "N");
        g.Input("input_lengths", OnnxGraphBuilder.Int64, "1");
        g.Input("scales", OnnxGraphBuilder.Float, "3");
        if (shape.Speakers > 1) g.Input("sid", OnnxGraphBuilder.Int64, "1");
        if (shape.Rank4) g.Output("output", OnnxGraphBuilder.Float, "1", "1", "1", "T");
        else g.Output("output", OnnxGraphBuilder.Float, "1", "1", "T");

        string ids = g.Node("Cast", ["input"], attributes: OnnxAttribute.Int("to", OnnxGraphBuilder.Float));
        string level = g.Node("Mul", [ids, g.Scalar(0.01f)]);
        if (shape.Speakers > 1)
        {
            string sid = g.Node("Cast", ["sid"], attributes: OnnxAttribute.Int("to", OnnxGraphBuilder.Float));
            level = g.Node("Add", [level, g.Node("Mul", [sid, g.Scalar(0.1f)])]);
        }
        string column = g.Node("Unsqueeze", [level, g.ConstInt64([2], 1)]);
        string lengthScale = g.Node("Gather", ["scales", g.ScalarInt64(1)], attributes: OnnxAttribute.Int("axis", 0));
        string hop = g.Node("Cast", [g.Node("Mul", [lengthScale, g.Scalar(HopLength)])], attributes: OnnxAttribute.Int("to", OnnxGraphBuilder.Int64));
        string target = g.Node("Concat", [g.Node("Shape", ["input"]), g.Node("Unsqueeze", [hop, g.ConstInt64([0], 1)])], attributes: OnnxAttribute.Int("axis", 0));
        string frames = g.Node("Expand", [column, target]);
        long[] outShape = shape.Rank4 ? [1, 1, 1, -1] : [1, 1, -1];
        g.Node("Reshape", [frames, g.ConstInt64(outShape, outShape.Length)], "output");
        return g.ToModel();
    }

    /// <summary>The matching NAME.onnx.json.</summary>
    public static byte[] BuildConfig(Shape shape) => VoiceConfigWriter.Write(SampleRate, "en-us", shape.Speakers, "tiny");

    /// <summary>Writes OUT.onnx and OUT.onnx.json.</summary>
    public static void Write(string onnxPath, Shape shape)
    {
        File.WriteAllBytes(onnxPath, Build(shape));
        File.WriteAllBytes(onnxPath + ".json", BuildConfig(shape));
    }
}
