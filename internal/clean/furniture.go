package clean

import "unicode/utf8"

// maxFurniture is the longest line that can be page furniture.
const maxFurniture = 400

// isFurniture reports whether the line that starts at lineStart in b.out is
// page furniture: navigation, sharing and subscription prompts, bare
// numbers (share counts, page numbers), photo captions and credits, cookie
// banners and republication notices.
func (b *builder) isFurniture(lineStart int) bool {
	line := b.out[b.contentStart(lineStart):]
	return isFurnitureLine(line)
}

// isFurnitureLine is isFurniture for one cleaned line.
func isFurnitureLine(line []byte) bool {
	if len(line) == 0 || len(line) > maxFurniture {
		return false
	}
	if onlyNumber(line) {
		return true
	}
	n := len(line)
	// Compare in lower case, without trailing punctuation and arrows. Long
	// lines can only match a prefix, so their head is enough.
	var buf [maxFurniture]byte
	long := len(line) > 64
	if long {
		line = line[:64]
	}
	l := buf[:len(line)]
	for i, c := range line {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		l[i] = c
	}
	if !long {
		l = trimPunct(l, false)
	}
	l = trimPunct(l, true)
	if len(l) == 0 {
		return true // only punctuation
	}
	if !long && len(l) <= 40 {
		if _, ok := furnitureLines[string(l)]; ok {
			return true
		}
	}
	for _, p := range furniturePrefixes {
		if n <= p.max && len(l) >= len(p.prefix) && l[0] == p.prefix[0] && string(l[:len(p.prefix)]) == p.prefix {
			return true
		}
	}
	return false
}

// trimPunct removes white space, arrows, bars, bullets and dashes from the
// start (left) or the end of l.
func trimPunct(l []byte, left bool) []byte {
	for len(l) > 0 {
		var r rune
		var size int
		if left {
			r, size = utf8.DecodeRune(l)
		} else {
			r, size = utf8.DecodeLastRune(l)
		}
		switch r {
		case ' ', '.', ':', '!', '>', '<', '|', '-', '*', '»', '«', '›', '‹', '–', '—', '•':
		default:
			return l
		}
		if left {
			l = l[size:]
		} else {
			l = l[:len(l)-size]
		}
	}
	return l
}

// onlyNumber reports whether a line is a number and nothing else, such as a
// share count or page number: digits with separators and an optional sign.
func onlyNumber(line []byte) bool {
	digits := 0
	for _, c := range line {
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c == ',' || c == '.' || c == ' ' || c == '+' || c == '-' || c == '/' || c == 'k' || c == 'K':
		default:
			return false
		}
	}
	return digits > 0
}

// furnitureLines are whole lines (lower case, trailing punctuation removed)
// that are page furniture.
var furnitureLines = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, s := range []string{
		"advertisement", "advertising", "ad", "sponsored", "sponsored content", "promoted",
		"share", "shares", "share this", "share this article", "share this story", "share this page",
		"share article", "share story", "share on facebook", "share on twitter", "share on x",
		"share on whatsapp", "share on linkedin", "share via email", "share via e-mail",
		"facebook", "twitter", "whatsapp", "linkedin", "email", "e-mail", "print", "copy link",
		"link copied", "tweet", "pin", "reddit", "telegram",
		"read more", "read next", "read full article", "read the full article", "read the original article",
		"continue reading", "show more", "load more", "see more", "view comments", "comments",
		"leave a comment", "add comment", "post a comment", "related", "related articles",
		"related stories", "related content", "related topics", "related news", "more on this story",
		"more from", "more stories", "top stories", "most read", "most popular", "most viewed",
		"trending", "recommended", "you may also like", "you might also like", "also read", "see also",
		"skip to content", "skip to main content", "skip to navigation", "skip to footer",
		"jump to content", "back to top", "go to top", "top", "menu", "close", "open menu", "search",
		"home", "log in", "login", "sign in", "sign up", "register", "subscribe", "subscribe now",
		"newsletter", "newsletters", "follow", "follow us", "listen", "listen to this article",
		"loading", "loading...", "image", "photo", "video", "watch", "watch video", "play video",
		"gallery", "enlarge", "expand", "toggle caption", "hide caption", "caption", "accept",
		"accept all", "accept cookies", "accept all cookies", "reject all", "manage cookies",
		"cookie settings", "cookies", "privacy policy", "terms of use", "terms and conditions",
		"all rights reserved", "topics", "tags", "filed under", "updated", "published",
	} {
		m[s] = struct{}{}
	}
	return m
}()

// furniturePrefixes are beginnings of furniture lines, each with the
// longest line it applies to.
var furniturePrefixes = []struct {
	prefix string
	max    int
}{
	{"read more:", 200}, {"read more about", 160}, {"read more from", 160}, {"read more at", 160},
	{"read also:", 200}, {"also read:", 200}, {"see also:", 200}, {"read next:", 200},
	{"related:", 200}, {"related article:", 200}, {"related story:", 200}, {"related coverage:", 200},
	{"more:", 160}, {"watch:", 200}, {"listen:", 200}, {"video:", 200},
	{"sign up for", 240}, {"sign up to", 240}, {"subscribe to", 200}, {"subscribe for", 200},
	{"get our newsletter", 200}, {"get the latest", 160},
	{"click here", 200}, {"tap here", 160}, {"follow us on", 200}, {"follow us:", 200},
	{"follow @", 120}, {"like us on facebook", 160}, {"share this article", 120},
	{"share on ", 80}, {"share via ", 80},
	{"image:", 300}, {"image caption", 300}, {"image source", 200}, {"image credit", 200},
	{"images:", 300}, {"photo:", 300}, {"photos:", 300}, {"photo credit", 200}, {"photograph:", 300},
	{"picture:", 300}, {"pictures:", 300}, {"caption:", 300}, {"credit:", 200}, {"photo by ", 160},
	{"(photo:", 300}, {"(image:", 300}, {"[photo:", 300}, {"[image:", 300}, {"file photo", 200},
	{"getty images", 120}, {"(getty images", 120}, {"reuters/", 120}, {"ap photo", 160},
	{"copyright ©", 200}, {"copyright (c)", 200}, {"©", 200},
	{"this article is republished from", 300}, {"this article was originally published", 300},
	{"this article first appeared", 300}, {"this story was originally published", 300},
	{"this article originally appeared", 300}, {"read the original article", 120},
	{"we use cookies", maxFurniture}, {"this website uses cookies", maxFurniture},
	{"this site uses cookies", maxFurniture}, {"by continuing to use", maxFurniture},
	{"by using this site", maxFurniture}, {"by using our site", maxFurniture},
	{"we and our partners", maxFurniture}, {"accept cookies", 120}, {"accept all cookies", 120},
	{"skip to ", 60}, {"advertisement -", 120}, {"advertisement:", 120}, {"story continues below", 120},
	{"article continues below", 120}, {"scroll to continue", 120}, {"continue reading", 120},
	{"listen to this article", 120}, {"estimated reading time", 80}, {"reading time:", 80},
}
