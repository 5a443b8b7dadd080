package queue

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerConfig configures an embedded NATS server with JetStream.
type ServerConfig struct {
	// Name is the server's name, unique in a cluster.
	Name string
	// Dir is where JetStream keeps its data.
	Dir string
	// Host is the address to listen on (default 127.0.0.1) and Port the
	// client port (0: a free one).
	Host string
	Port int
	// Cluster, when set, joins the server to a cluster.
	Cluster *ClusterConfig
}

// ClusterConfig is an embedded server's place in a cluster.
type ClusterConfig struct {
	// Name is the cluster's name, the same on every server.
	Name string
	// Port is this server's route port.
	Port int
	// Routes are the route URLs (nats-route://host:port) of the servers.
	Routes []string
}

// StartServer starts an embedded NATS server with JetStream and waits until
// it accepts clients. Stop it with Shutdown and WaitForShutdown.
func StartServer(cfg ServerConfig) (*server.Server, error) {
	host := cfg.Host
	if host == "" {
		host = "127.0.0.1"
	}
	port := cfg.Port
	if port == 0 {
		port = server.RANDOM_PORT
	}
	opts := &server.Options{
		ServerName: cfg.Name,
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   cfg.Dir,
		NoSigs:     true,
		NoLog:      true,
	}
	if c := cfg.Cluster; c != nil {
		opts.Cluster = server.ClusterOpts{Name: c.Name, Host: host, Port: c.Port}
		for _, r := range c.Routes {
			u, err := url.Parse(r)
			if err != nil {
				return nil, fmt.Errorf("route %q: %w", r, err)
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, err
	}
	s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("the embedded NATS server %s did not start", cfg.Name)
	}
	return s, nil
}

// StartLocalCluster starts n embedded servers on loopback forming one
// JetStream cluster, each keeping its data in its own folder under dir. It
// is for tests and trying a cluster out on one machine.
func StartLocalCluster(dir string, n int) ([]*server.Server, error) {
	// The client and route ports are picked together, each listener held
	// until all are picked, so that no server takes another's port.
	ports, err := freePorts(2 * n)
	if err != nil {
		return nil, err
	}
	clientPorts, ports := ports[n:], ports[:n]
	var routes []string
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	var servers []*server.Server
	for i := range n {
		s, err := StartServer(ServerConfig{
			Name:    fmt.Sprintf("n%d", i+1),
			Dir:     filepath.Join(dir, fmt.Sprintf("n%d", i+1)),
			Port:    clientPorts[i],
			Cluster: &ClusterConfig{Name: "sitrep", Port: ports[i], Routes: routes},
		})
		if err != nil {
			for _, s := range servers {
				s.Shutdown()
				s.WaitForShutdown()
			}
			return nil, err
		}
		servers = append(servers, s)
	}
	return servers, nil
}

// freePorts returns n distinct loopback TCP ports that were free a moment
// ago.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer ln.Close()
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
