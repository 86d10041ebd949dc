using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>What kind of network an address belongs to, as far as fetching is concerned.</summary>
public enum AddressScope
{
    Public,
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    SharedCarrierNat,
    Multicast,
    Broadcast,
    Reserved,
    Documentation,
    Tunnel,
}

/// <summary>Decides whether an IP address is on the public internet, so the fetcher never reaches the
/// server's own machine, the newsroom's network or a cloud metadata service on a reporter's behalf.</summary>
public static class NetworkAddressPolicy
{
    private const int Ipv4MappedPrefixBytes = 12;

    private static readonly Ipv4Range[] Ipv4Ranges =
    [
        new(0x00000000, 8, AddressScope.Unspecified),        // 0.0.0.0/8 "this network"
        new(0x0A000000, 8, AddressScope.Private),            // 10.0.0.0/8
        new(0x64400000, 10, AddressScope.SharedCarrierNat),  // 100.64.0.0/10
        new(0x7F000000, 8, AddressScope.Loopback),           // 127.0.0.0/8
        new(0xA9FE0000, 16, AddressScope.LinkLocal),         // 169.254.0.0/16, where cloud metadata lives
        new(0xAC100000, 12, AddressScope.Private),           // 172.16.0.0/12
        new(0xC0000000, 24, AddressScope.Reserved),          // 192.0.0.0/24 IETF protocol assignments
        new(0xC0000200, 24, AddressScope.Documentation),     // 192.0.2.0/24 TEST-NET-1
        new(0xC0586300, 24, AddressScope.Tunnel),            // 192.88.99.0/24 deprecated 6to4 relays
        new(0xC0A80000, 16, AddressScope.Private),           // 192.168.0.0/16
        new(0xC6120000, 15, AddressScope.Reserved),          // 198.18.0.0/15 benchmarking
        new(0xC6336400, 24, AddressScope.Documentation),     // 198.51.100.0/24 TEST-NET-2
        new(0xCB007100, 24, AddressScope.Documentation),     // 203.0.113.0/24 TEST-NET-3
        new(0xE0000000, 4, AddressScope.Multicast),          // 224.0.0.0/4
        new(0xFFFFFFFF, 32, AddressScope.Broadcast),         // 255.255.255.255, before the 240/4 it sits in
        new(0xF0000000, 4, AddressScope.Reserved),           // 240.0.0.0/4
    ];

    /// <summary>True only for addresses on the public internet.</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressScope.Public;

    /// <summary>The scope of <paramref name="address"/>; IPv6 forms that carry an IPv4 address
    /// (mapped, compatible, NAT64, 6to4) take the scope of the IPv4 address they carry.</summary>
    public static AddressScope Classify(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => ClassifyIpv4(address),
        AddressFamily.InterNetworkV6 => ClassifyIpv6(address),
        _ => AddressScope.Reserved,
    };

    /// <summary>The IPv4 address behind an IPv4-mapped IPv6 address, else the address itself.</summary>
    public static IPAddress Unwrap(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Words a journalist understands, e.g. "a private network address".</summary>
    public static string Describe(AddressScope scope) => scope switch
    {
        AddressScope.Public => "a public address",
        AddressScope.Unspecified => "an unspecified address",
        AddressScope.Loopback => "a loopback address",
        AddressScope.Private => "a private network address",
        AddressScope.LinkLocal => "a link-local address",
        AddressScope.SharedCarrierNat => "a carrier-grade NAT address",
        AddressScope.Multicast => "a multicast address",
        AddressScope.Broadcast => "a broadcast address",
        AddressScope.Documentation => "an address reserved for documentation",
        AddressScope.Tunnel => "a tunnelling address",
        _ => "a reserved address",
    };

    private static AddressScope ClassifyIpv4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        foreach (var range in Ipv4Ranges)
        {
            if (range.Contains(value))
            {
                return range.Scope;
            }
        }

        return AddressScope.Public;
    }

    private static AddressScope ClassifyIpv6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyIpv4(address.MapToIPv4());
        }

        // ::/96 holds ::, ::1 and the deprecated IPv4-compatible form; judged by the embedded IPv4,
        // :: and ::1 land in 0.0.0.0/8 and are refused, but name them plainly for the message.
        if (b[..Ipv4MappedPrefixBytes].IndexOfAnyExcept((byte)0) < 0)
        {
            if (address.Equals(IPAddress.IPv6None))
            {
                return AddressScope.Unspecified;
            }

            return address.Equals(IPAddress.IPv6Loopback) ? AddressScope.Loopback : ClassifyIpv4(new IPAddress(b[Ipv4MappedPrefixBytes..]));
        }

        // 64:ff9b::/96, the well-known NAT64 prefix: a gateway would connect to the embedded IPv4.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            if (b[4..Ipv4MappedPrefixBytes].IndexOfAnyExcept((byte)0) < 0)
            {
                return ClassifyIpv4(new IPAddress(b[Ipv4MappedPrefixBytes..]));
            }

            // 64:ff9b:1::/48 is local-use NAT64 whose embedded IPv4 sits wherever the operator chose,
            // so it cannot be judged: refused whole. The rest of 64:ff9b::/32 is unassigned.
            return AddressScope.Reserved;
        }

        // 2002::/16 6to4 carries the IPv4 address of the relay endpoint in bits 16..47.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ClassifyIpv4(new IPAddress(b[2..6]));
        }

        // Global unicast lives in 2000::/3; everything outside it (ULA fc00::/7, link-local fe80::/10,
        // site-local fec0::/10, multicast ff00::/8, discard 100::/64 …) is not a public web server.
        if ((b[0] & 0xE0) != 0x20)
        {
            return b[0] switch
            {
                0xFF => AddressScope.Multicast,
                0xFE when (b[1] & 0xC0) == 0x80 => AddressScope.LinkLocal,
                0xFE when (b[1] & 0xC0) == 0xC0 => AddressScope.Private,
                0xFC or 0xFD => AddressScope.Private,
                _ => AddressScope.Reserved,
            };
        }

        // 2001:db8::/32 documentation.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return AddressScope.Documentation;
        }

        // 2001::/23 is the IETF protocol block: Teredo 2001::/32 (tunnels to an obfuscated IPv4),
        // benchmarking 2001:2::/48, ORCHID. None of it is a news site.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] <= 0x01)
        {
            return b[2] == 0 && b[3] == 0 ? AddressScope.Tunnel : AddressScope.Reserved;
        }

        // 3fff::/20 documentation (RFC 9637).
        if (b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0)
        {
            return AddressScope.Documentation;
        }

        return AddressScope.Public;
    }

    private readonly record struct Ipv4Range(uint Network, int PrefixLength, AddressScope Scope)
    {
        public bool Contains(uint value)
        {
            var mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
            return (value & mask) == Network;
        }
    }
}
