using CrewChief.Native.Llama;

namespace CrewChief.Tests.Llm;

public sealed class LlamaBindingTests
{
    [Fact]
    public void TryInitialize_PinnedNatives_ReportsVersionAndCpuDevice()
    {
        TinyModel.RequireNatives();
        Assert.StartsWith("0.4.0", LlamaLibrary.NativeVersion);
        Assert.Contains("CPU", LlamaLibrary.Devices, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryLoad_TinyModel_ReadsShapeAndTemplate()
    {
        TinyModel.RequireNatives();
        Assert.True(LlamaModel.TryLoad(TinyModel.Path, 0, out var model, out string error), error);
        using (model)
        {
            Assert.Equal(2, model.LayerCount);
            Assert.True(model.VocabSize > 300);
            Assert.Contains("<|im_start|>", model.EmbeddedChatTemplate);
            int[] tokens = model.Tokenize("<|im_start|>gap ahead", addSpecial: true, parseSpecial: true);
            Assert.Equal(1, tokens[0]);  // BOS
            Assert.Equal(3, tokens[1]);  // <|im_start|> as one control token
        }
    }

    [Fact]
    public void TryLoad_MissingFile_OneLineError()
    {
        TinyModel.RequireNatives();
        Assert.False(LlamaModel.TryLoad("/nonexistent/model.gguf", 0, out _, out string error));
        Assert.Contains("/nonexistent/model.gguf", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryLoad_NotAGguf_ReportsLlamaReason()
    {
        TinyModel.RequireNatives();
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.False(LlamaModel.TryLoad(path, 0, out _, out string error));
            Assert.StartsWith("cannot load model", error);
            Assert.DoesNotContain('\n', error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
