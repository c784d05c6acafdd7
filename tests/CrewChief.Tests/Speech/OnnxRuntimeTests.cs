using CrewChief.Native.Onnx;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Tests.Speech;

/// <summary>
/// The OrtApi slots are read by index; each test here calls through a group of them, so a miscounted slot fails as a
/// wrong answer or a crash here rather than in the speech pipeline.
/// </summary>
public sealed class OnnxRuntimeTests
{
    [Fact]
    public void TryInitialize_PinnedRuntime_ReportsItsVersion()
    {
        SpeechNatives.RequireOnnxRuntime();
        Assert.Equal(OnnxRuntimeLibrary.PinnedVersion, OnnxRuntimeLibrary.Version);
    }

    [Fact]
    public void AvailableProviders_ListsTheCpuProvider()
    {
        SpeechNatives.RequireOnnxRuntime();
        Assert.Contains("CPUExecutionProvider", OnnxRuntimeLibrary.AvailableProviders());
    }

    [Fact]
    public void FromBytes_TinyModel_ReadsInputAndOutputNames()
    {
        SpeechNatives.RequireOnnxRuntime();
        using var session = OnnxSession.FromBytes(TinyPiperModel.Build(new(Speakers: 2)), new OnnxSessionSettings());
        Assert.Equal(["input", "input_lengths", "scales", "sid"], session.InputNames);
        Assert.Equal(["output"], session.OutputNames);
    }

    [Fact]
    public void Run_TinyModel_ReturnsShapeAndData()
    {
        SpeechNatives.RequireOnnxRuntime();
        using var session = OnnxSession.FromBytes(TinyPiperModel.Build(new(Rank4: true)), new OnnxSessionSettings());
        long[] ids = [10, 20, 30];
        long[] length = [3];
        float[] scales = [0.667f, 0.5f, 0.8f];
        long[] idShape = [1, 3], oneShape = [1], scaleShape = [3];
        {
            OnnxTensorInput[] inputs =
            [
                OnnxTensorInput.Int64(0, ids, idShape),
                OnnxTensorInput.Int64(1, length, oneShape),
                OnnxTensorInput.Float(2, scales, scaleShape),
            ];
            using OnnxFloatOutput output = session.Run(inputs);
            int perId = TinyPiperModel.HopLength / 2;
            Assert.Equal([1L, 1, 1, 3 * perId], output.Shape);
            Assert.Equal(0.1f, output.Data[0], 5);
            Assert.Equal(0.3f, output.Data[^1], 5);
        }
    }

    [Fact]
    public void FromBytes_Garbage_ThrowsWithTheRuntimeMessage()
    {
        SpeechNatives.RequireOnnxRuntime();
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes("not a model"u8, new OnnxSessionSettings()));
        // ORT_INVALID_PROTOBUF (7): proves the GetErrorCode slot as well as GetErrorMessage.
        Assert.EndsWith("(ORT error 7)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Open_MissingFile_ThrowsNamingIt()
    {
        SpeechNatives.RequireOnnxRuntime();
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open("/nonexistent/voice.onnx", new OnnxSessionSettings()));
        Assert.Contains("/nonexistent/voice.onnx", e.Message);
        Assert.EndsWith("(ORT error 3)", e.Message); // ORT_NO_SUCHFILE
    }

    [Fact]
    public void FromBytes_CudaAskedWithoutItsLibrary_FallsBackToCpuWithOneLine()
    {
        SpeechNatives.RequireOnnxRuntime();
        using var session = OnnxSession.FromBytes(TinyPiperModel.Build(new()), new OnnxSessionSettings { UseCuda = true });
        if (session.UsesCuda) Assert.Skip("this machine has the CUDA provider; the fallback cannot be observed.");
        Assert.NotNull(session.ProviderNote);
        Assert.Contains("CUDA", session.ProviderNote);
        Assert.DoesNotContain('\n', session.ProviderNote);
    }
}
