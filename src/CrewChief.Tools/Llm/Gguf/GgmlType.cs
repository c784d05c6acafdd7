using CrewChief.Llm;
namespace CrewChief.Tools.Llm.Gguf;

/// <summary>The ggml tensor types the writer produces (numbering as in ggml.h).</summary>
public enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
}
