package analytics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

// Outputs says where alerts go.
type Outputs struct {
	// Stdout prints each alert's message (the default when nothing else
	// is configured).
	Stdout bool `yaml:"stdout"`
	// File appends each alert as a JSON line.
	File string `yaml:"file"`
	// Webhooks receive each alert as a JSON POST.
	Webhooks []Webhook `yaml:"webhooks"`
}

// Webhook is an HTTP endpoint that receives alerts.
type Webhook struct {
	URL     string            `yaml:"url"`
	Headers map[string]string `yaml:"headers"`
	// Retries after the first attempt (3), with back-off from Backoff
	// (500ms) doubling, honouring Retry-After up to a minute.
	Retries int           `yaml:"retries"`
	Backoff time.Duration `yaml:"backoff"`
	Timeout time.Duration `yaml:"timeout"`
}

// AlertConfig is the alerts section of the config file.
type AlertConfig struct {
	Rules   []Rule  `yaml:"rules"`
	Outputs Outputs `yaml:"outputs"`
}

// Validate reports the first problem of the configuration.
func (c *AlertConfig) Validate() error {
	for i := range c.Rules {
		if err := c.Rules[i].Validate(); err != nil {
			return err
		}
	}
	for _, w := range c.Outputs.Webhooks {
		if w.URL == "" {
			return fmt.Errorf("a webhook without url")
		}
	}
	return nil
}

// Deliver sends alerts to every output: stdout (as text), the JSON Lines
// file, each webhook. A webhook that still fails after its retries is
// reported in the returned error; the other outputs are still served.
func Deliver(ctx context.Context, alerts []Alert, o Outputs, stdout io.Writer, client *http.Client) error {
	if client == nil {
		client = http.DefaultClient
	}
	if o.Stdout || (o.File == "" && len(o.Webhooks) == 0) {
		for _, a := range alerts {
			fmt.Fprintf(stdout, "%s  %-15s %s\n", a.Date, a.Kind, a.Message)
		}
	}
	var errs []error
	if o.File != "" {
		if err := appendJSONL(o.File, alerts); err != nil {
			errs = append(errs, err)
		}
	}
	for _, w := range o.Webhooks {
		for _, a := range alerts {
			if err := w.post(ctx, client, a); err != nil {
				errs = append(errs, err)
				break
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("delivering alerts: %v", errs)
	}
	return nil
}

func appendJSONL(path string, alerts []Alert) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, a := range alerts {
		if err := enc.Encode(a); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// post sends one alert, retrying network errors, 5xx and 429 answers.
func (w Webhook) post(ctx context.Context, client *http.Client, a Alert) error {
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	retries, backoff, timeout := w.Retries, w.Backoff, w.Timeout
	if retries == 0 {
		retries = 3
	}
	if backoff == 0 {
		backoff = 500 * time.Millisecond
	}
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	var last error
	for attempt := 0; attempt <= retries; attempt++ {
		if attempt > 0 {
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return ctx.Err()
			}
			backoff *= 2
		}
		rctx, cancel := context.WithTimeout(ctx, timeout)
		req, err := http.NewRequestWithContext(rctx, http.MethodPost, w.URL, bytes.NewReader(body))
		if err != nil {
			cancel()
			return fmt.Errorf("webhook %s: %w", w.URL, err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "sitrep-alerts")
		for k, v := range w.Headers {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			cancel()
			last = err
			continue
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		cancel()
		switch {
		case resp.StatusCode < 300:
			return nil
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			last = fmt.Errorf("HTTP %d", resp.StatusCode)
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
				backoff = min(time.Duration(s)*time.Second, time.Minute)
			}
		default:
			return fmt.Errorf("webhook %s: HTTP %d (not retried)", w.URL, resp.StatusCode)
		}
	}
	return fmt.Errorf("webhook %s: %v after %d attempts", w.URL, last, retries+1)
}
