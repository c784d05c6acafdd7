using CrewChief.Native.Llama;

namespace CrewChief.Llm;

/// <summary>Chooses the chat template for a model and the part of every prompt that can be cached.</summary>
internal static class CalloutTemplate
{
    // The model's own template when llama.cpp recognises it, else the Llama-3 layout. What gets cached must be a
    // prefix of every full prompt: the system turn rendered alone when the template renders it as its own turn;
    // otherwise (templates that fold the system text into the first user turn, like Gemma's) the text two
    // prompts with different user turns have in common.
    public static bool TryPick(LlamaModel model, string system, out string template, out bool fromModel, out string prefixText, out string error)
    {
        foreach (string? candidate in (ReadOnlySpan<string?>)[model.EmbeddedChatTemplate, "llama3"])
        {
            if (candidate is null) continue;
            string? alone = LlamaModel.ApplyChatTemplate(candidate, [new("system", system)], addAssistant: false);
            string? a = LlamaModel.ApplyChatTemplate(candidate, [new("system", system), new("user", "a")], addAssistant: true);
            string? b = LlamaModel.ApplyChatTemplate(candidate, [new("system", system), new("user", "b")], addAssistant: true);
            if (a is null || b is null) continue;
            string prefix = alone is not null && alone.Length >= system.Length
                && a.StartsWith(alone, StringComparison.Ordinal) && b.StartsWith(alone, StringComparison.Ordinal)
                ? alone
                : a[..a.AsSpan().CommonPrefixLength(b)];
            if (prefix.Length < system.Length) continue;
            template = candidate;
            fromModel = ReferenceEquals(candidate, model.EmbeddedChatTemplate);
            prefixText = prefix;
            error = string.Empty;
            return true;
        }
        template = prefixText = string.Empty;
        fromModel = false;
        error = "no usable chat template";
        return false;
    }
}
