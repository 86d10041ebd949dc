using System.Security.Cryptography;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Accounts;

/// <summary>Random secrets shown once and stored only as a SHA-256 hash.</summary>
public static class SecretTokens
{
    /// <summary>A new URL-safe random token with a recognisable prefix (256 bits of entropy).</summary>
    public static string Create(string prefix) =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token: hex SHA-256. A fast hash is right here: the tokens are
    /// long random values, not guessable passwords.</summary>
    public static string Hash(string token) => TextTools.Sha256Hex(token);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
