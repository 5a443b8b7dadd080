package export

import (
	"crypto/sha1"
	"encoding/hex"
)

// uuidNamespaceDNS is RFC 9562's name space for domain names.
var uuidNamespaceDNS = [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// stixNamespace is the fixed name space of every STIX id sitrep makes:
// the version 5 UUID of the name "stix.sitrep.dev" in the DNS name space.
var stixNamespace = uuid5(uuidNamespaceDNS, "stix.sitrep.dev")

// uuid5 returns the version 5 (SHA-1, name-based) UUID of name in the name
// space ns, as RFC 9562 defines it.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// uuidString formats a UUID as 8-4-4-4-12 lower-case hex digits.
func uuidString(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// stixID is the deterministic STIX id of an object of type typ known by key.
func stixID(typ, key string) string {
	return typ + "--" + uuidString(uuid5(stixNamespace, typ+"|"+key))
}
