package report

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// worldTSV holds Natural Earth's 1:110m country shapes (public domain), via
// the world-atlas package (ISC licence), converted by internal/genworld: a
// code, a name and an SVG path in tenths of a degree of an
// equirectangular projection per line.
//
//go:embed world.tsv
var worldTSV string

// shape is one country's outline and its bounding box in map units.
type shape struct {
	Code, Name string
	Path       string
	MinX, MinY int
	MaxX, MaxY int
}

var world = sync.OnceValue(func() []shape {
	var out []shape
	for line := range strings.Lines(worldTSV) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(strings.TrimRight(line, "\n"), "\t", 3)
		if len(f) != 3 {
			continue
		}
		s := shape{Code: f[0], Name: f[1], Path: f[2], MinX: 1 << 30, MinY: 1 << 30, MaxX: -1 << 30, MaxY: -1 << 30}
		s.bounds()
		out = append(out, s)
	}
	return out
})

// bounds walks the path (M x y, then l with relative steps, z) to find its
// bounding box.
func (s *shape) bounds() {
	var x, y int
	abs := false
	var nums []int
	flush := func() {
		for i := 0; i+1 < len(nums); i += 2 {
			if abs {
				x, y = nums[i], nums[i+1]
				abs = false
			} else {
				x, y = x+nums[i], y+nums[i+1]
			}
			s.MinX, s.MaxX = min(s.MinX, x), max(s.MaxX, x)
			s.MinY, s.MaxY = min(s.MinY, y), max(s.MaxY, y)
		}
		nums = nums[:0]
	}
	p := s.Path
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == 'M':
			flush()
			abs = true
			i++
		case c == 'l' || c == 'z':
			// After M's pair the steps are relative.
			if abs && len(nums) >= 2 {
				flush()
			}
			i++
		case c == ' ':
			i++
		default:
			j := i + 1
			for j < len(p) && p[j] >= '0' && p[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(p[i:j])
			nums = append(nums, n)
			i = j
		}
	}
	flush()
}
