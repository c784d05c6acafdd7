using System.Text;
using System.Text.RegularExpressions;

namespace CrewChief.Tests;

/// <summary>
/// Pointers live only in the interop corner: no C# file outside src/CrewChief.Native uses the <c>unsafe</c>
/// keyword, and no project but CrewChief.Native allows unsafe blocks. The compiler enforces the second per project;
/// this keeps a later csproj edit from quietly re-opening the door.
/// </summary>
public partial class UnsafeCodeLayoutTests
{
    private const string NativeProject = "src/CrewChief.Native/";

    /// <summary>Build output, vendored libraries and packages: nothing the project writes in C#.</summary>
    private static readonly HashSet<string> s_skippedFolders =
        new(StringComparer.Ordinal) { "bin", "obj", ".git", "artifacts", "natives", "node_modules", "models", "voices" };

    [Fact]
    public void UnsafeKeyword_OnlyInTheNativeProject()
    {
        var outside = new List<string>();
        int nativeFilesWithUnsafe = 0, checkedFiles = 0;
        foreach (string relative in SourceFiles("*.cs"))
        {
            checkedFiles++;
            if (!UnsafeKeyword().IsMatch(CodeOnly(File.ReadAllText(Path.Combine(SharedData.RepoRoot, relative))))) continue;
            if (relative.StartsWith(NativeProject, StringComparison.Ordinal)) nativeFilesWithUnsafe++;
            else outside.Add(relative);
        }
        Assert.True(checkedFiles > 100, $"only {checkedFiles} C# files found under {SharedData.RepoRoot}");
        // The scanner must see the keyword where it is known to be, or a pass below proves nothing.
        Assert.True(nativeFilesWithUnsafe > 0, "no `unsafe` found in src/CrewChief.Native: the scan is broken");
        Assert.True(outside.Count == 0, "`unsafe` outside src/CrewChief.Native (move the pointer work there, behind a safe type):\n" + string.Join('\n', outside));
    }

    [Fact]
    public void AllowUnsafeBlocks_OnlyInTheNativeProject()
    {
        var allowing = new List<string>();
        foreach (string pattern in new[] { "*.csproj", "Directory.Build.*" })
        {
            foreach (string relative in SourceFiles(pattern))
            {
                if (AllowUnsafe().IsMatch(File.ReadAllText(Path.Combine(SharedData.RepoRoot, relative)))) allowing.Add(relative);
            }
        }
        Assert.Equal(["src/CrewChief.Native/CrewChief.Native.csproj"], allowing);
    }

    [Theory]
    [InlineData("public unsafe class A { }", true)]
    [InlineData("void F() { unsafe { } }", true)]
    [InlineData("// unsafe here is a comment\nclass A { }", false)]
    [InlineData("/// <summary>callers need no <c>unsafe</c></summary>\nclass A { }", false)]
    [InlineData("/* unsafe */ class A { }", false)]
    [InlineData("string s = \"unsafe \\\" unsafe\"; char c = '\"';", false)]
    [InlineData("string s = @\"a \"\" unsafe\";", false)]
    [InlineData("string s = \"\"\"\n unsafe \"\" \n\"\"\";", false)]
    [InlineData("int x = Unsafe.SizeOf<int>(); var isUnsafe = true;", false)]
    public void CodeOnly_KeepsCode_DropsCommentsAndStrings(string source, bool hasKeyword) =>
        Assert.Equal(hasKeyword, UnsafeKeyword().IsMatch(CodeOnly(source)));

    /// <summary>Repository-relative paths ('/' separated) of the files matching <paramref name="pattern"/>.</summary>
    private static IEnumerable<string> SourceFiles(string pattern)
    {
        var pending = new Stack<string>();
        pending.Push(SharedData.RepoRoot);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(dir, pattern))
                yield return Path.GetRelativePath(SharedData.RepoRoot, file).Replace('\\', '/');
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                if (!s_skippedFolders.Contains(Path.GetFileName(sub))) pending.Push(sub);
            }
        }
    }

    /// <summary>
    /// The source with comments and string/char literals blanked, so the word in a doc comment ("callers need no
    /// unsafe") or a message does not count. A small lexer, not Roslyn: regular, verbatim, interpolated and raw
    /// strings; an interpolation hole is blanked with its string (no keyword can hide there).
    /// </summary>
    internal static string CodeOnly(string source)
    {
        var code = new StringBuilder(source.Length);
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            char next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < source.Length && source[i] != '\n') i++;
            }
            else if (c == '/' && next == '*')
            {
                int end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (c == '"' || c == '\'' || ((c == '@' || c == '$') && (next == '"' || next == '@' || next == '$')))
            {
                i = SkipLiteral(source, i);
                code.Append(' ');
            }
            else
            {
                code.Append(c);
                i++;
            }
        }
        return code.ToString();
    }

    /// <summary>Index just past the literal starting at <paramref name="start"/> (its $ and @ prefixes included).</summary>
    private static int SkipLiteral(string s, int start)
    {
        int i = start;
        bool verbatim = false;
        while (s[i] is '$' or '@')
        {
            verbatim |= s[i] == '@';
            i++;
        }
        char quote = s[i];
        int quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"' && quote == '"') quotes++;
        if (quotes >= 3)
        {
            // Raw string: ends at the first run of as many quotes as opened it.
            string closing = new('"', quotes);
            int end = s.IndexOf(closing, i + quotes, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }
        i++;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == quote)
            {
                if (verbatim && i + 1 < s.Length && s[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (!verbatim && c == '\n') return i; // unterminated: stop at the line end
            i++;
        }
        return s.Length;
    }

    [GeneratedRegex(@"\bunsafe\b")]
    private static partial Regex UnsafeKeyword();

    [GeneratedRegex(@"<AllowUnsafeBlocks>\s*true\s*</AllowUnsafeBlocks>", RegexOptions.IgnoreCase)]
    private static partial Regex AllowUnsafe();
}
