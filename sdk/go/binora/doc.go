// Package binora is the Go client for the Binora data-center asset-management
// API.
//
// It wraps the generated client of package
// github.com/binora/binora/sdk/go/binoraapi (one method per operation of the
// OpenAPI specification) with what every caller needs around it:
//
//   - tenant selection: the X-Tenant header is sent on every request;
//   - a session: Login stores the access and refresh tokens, every request
//     carries the access token, Logout ends the session;
//   - automatic refresh: a request answered 401 is retried once after the
//     tokens were rotated through the refresh endpoint; concurrent requests
//     share a single refresh;
//   - API tokens: with WithAPIToken the client sends a `bnr_…` token, which
//     names its own tenant, and never refreshes;
//   - errors: every answer outside 2xx is an error holding the problem+json
//     document, which AsProblem extracts;
//   - safe retries: every create carries an Idempotency-Key, a fresh one
//     unless the caller passes its own (NewIdempotencyKey), so that a retry
//     with the same key answers the first create's result instead of
//     creating a second resource.
//
// # Usage
//
//	ctx := context.Background()
//	c, err := binora.New("https://binora.example.com", "acme")
//	if err != nil {
//		log.Fatal(err)
//	}
//	if _, err := c.Login(ctx, "ops@acme.example", os.Getenv("BINORA_PASSWORD")); err != nil {
//		log.Fatal(err)
//	}
//	defer c.Logout(ctx)
//
//	dc, err := c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1", Code: "PAR1"},
//		binoraapi.CreateDatacenterParams{})
//	if err != nil {
//		if p, ok := binora.AsProblem(err); ok && p.StatusCode == http.StatusConflict {
//			log.Fatalf("already exists: %s", p.Response.Detail)
//		}
//		log.Fatal(err)
//	}
//	assets, err := c.ListAssets(ctx, binoraapi.ListAssetsParams{
//		DatacenterID: binoraapi.NewOptInt64(dc.ID),
//	})
//
// Every operation of the API is a method of the embedded *binoraapi.Client
// and can be called directly on a *Client, as CreateDatacenter and ListAssets
// above. Login and Logout are the exceptions: the wrapper's versions, which
// manage the session, replace the generated ones (still reachable as
// c.Client.Login and c.Client.Logout).
//
// With an API token:
//
//	c, err := binora.New("https://binora.example.com", "", binora.WithAPIToken(os.Getenv("BINORA_TOKEN")))
package binora
