package kb

import "github.com/sitrep-dev/sitrep/internal/registry"

func init() { defaultActors = registryActors }

// registryActors converts the embedded registry's actors for indexing.
func registryActors() []ActorInfo {
	all := registry.Default().All()
	out := make([]ActorInfo, len(all))
	for i, a := range all {
		out[i] = ActorInfo{ID: a.ID, Name: a.Name, Type: a.Type, Aliases: a.Aliases, CaseSensitive: a.CaseSensitive, Countries: a.Countries}
	}
	return out
}
