namespace Ecsta.BroadWorks;

internal static class WireAssembly { }
