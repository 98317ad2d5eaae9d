using System.Security.Cryptography;
using System.Text;

namespace Peninsula.Access;

/// <summary>
/// A key that lets a program write to the record through the web API. Only a hash of the secret is
/// stored; the secret itself is shown once, when the key is created.
/// </summary>
/// <param name="Name">What the key is for, unique in the store (e.g. <c>analyst-laptop</c>).</param>
/// <param name="Hash">SHA-256 of the secret, in lower-case hex.</param>
/// <param name="Prefix">The first characters of the secret, so that a person can tell keys apart.</param>
/// <param name="CreatedAt">When it was created, in UTC.</param>
/// <param name="RevokedAt">When it was revoked, in UTC, or null while it is in force.</param>
public sealed record ApiKey(string Name, string Hash, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>What every secret begins with, so that a leaked one is easy to recognise.</summary>
    public const string SecretPrefix = "pen_";

    /// <summary>Whether the key still opens writes.</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>
    /// Makes a new key: 32 random bytes from the operating system's generator, so a fast hash is
    /// enough (there is nothing to guess from). Returns the key to store and the secret to show once.
    /// </summary>
    public static (ApiKey Key, string Secret) Create(string name, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            throw new InputException("A key needs a name of 1 to 100 printable characters.", field: "name");
        }

        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiKey(name.Trim(), HashOf(secret), secret[..(SecretPrefix.Length + 6)], now, null), secret);
    }

    /// <summary>The stored form of a secret.</summary>
    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
