using System.Reflection;
using System.Runtime.InteropServices;

namespace CrewChief.Native;

/// <summary>
/// The one DllImport resolver of this assembly. The runtime allows a single resolver per assembly, so each engine
/// loads its library by exact path and registers the handle here under the name its LibraryImports use; the
/// resolver then hands that handle back instead of letting the runtime probe (which could pick up a different
/// build from the system path).
/// </summary>
internal static class NativeImportResolver
{
    private static readonly Lock s_lock = new();

    /// <summary>Library name (as written in LibraryImport) to the handle of the file loaded for it.</summary>
    private static readonly Dictionary<string, nint> s_handles = new(StringComparer.Ordinal);

    /// <summary>Whether <see cref="Resolve"/> is installed on this assembly.</summary>
    private static bool s_installed;

    /// <summary>Routes LibraryImports of <paramref name="libraryName"/> to <paramref name="handle"/>.</summary>
    public static bool TryRegister(string libraryName, nint handle, out string? error)
    {
        lock (s_lock)
        {
            s_handles[libraryName] = handle;
            if (s_installed)
            {
                error = null;
                return true;
            }
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeImportResolver).Assembly, Resolve);
                s_installed = true;
                error = null;
                return true;
            }
            catch (InvalidOperationException)
            {
                error = "another DllImport resolver is already set on CrewChief.Native; register through NativeImportResolver instead";
                return false;
            }
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (s_lock)
        {
            return s_handles.TryGetValue(libraryName, out nint handle) ? handle : 0;
        }
    }
}
