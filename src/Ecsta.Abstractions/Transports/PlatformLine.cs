namespace Ecsta.Abstractions.Transports;

/// <summary>A BroadWorks user that can become a line, as read from the group directory or the profile.</summary>
/// <param name="UserId">The BroadWorks user id.</param>
/// <param name="Number">The user's number, if any.</param>
/// <param name="Extension">The user's extension, if any.</param>
/// <param name="Name">Display name (first and last name).</param>
public sealed record PlatformLine(string UserId, string? Number, string? Extension, string Name);
