package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/hangup-org/hangup"
)

// TestBrowserStatsChartsRenderAndFitAPhone: /stats, with reports over
// several weeks, draws every chart in Chromium; at 390 px nothing scrolls
// sideways and every chart fits the screen; screenshots at 390 and 1280 px
// are saved under the test's temporary directory (and in
// HANGUP_SCREENSHOT_DIR when set, to look at them).
func TestBrowserStatsChartsRenderAndFitAPhone(t *testing.T) {
	ctx := browser(t)
	base, app := startApp(t)
	orgs := []string{"hmrc", "microsoft", "amazon", "bt", "hmrc", "microsoft", "hmrc"}
	tools := []string{"AnyDesk", "TeamViewer", "AnyDesk", "UltraViewer"}
	pays := []string{"gift cards", "bank transfer", "gift cards", "cryptocurrency", "PayPal"}
	for i := range 150 {
		at := time.Now().Add(-time.Duration(i%60) * 37 * time.Hour)
		r := &hangup.Report{Reference: fmt.Sprintf("HU-BROW-%04d", i), Status: hangup.StatusNew, Source: "web", CreatedAt: at, UpdatedAt: at,
			Country: []string{"GB", "GB", "GB", "US", "IE"}[i%5], OrganisationID: orgs[i%len(orgs)], PaymentMethod: pays[i%len(pays)],
			Links: []hangup.Link{{Kind: hangup.LinkTool, Value: tools[i%len(tools)]}}, Happened: []hangup.Happened{},
			Amount: float64((i * 173) % 7000), Currency: []string{"GBP", "GBP", "GBP", "USD", "EUR"}[i%5],
			ReporterKey: fmt.Sprintf("anon:%d", i), ReporterWeight: 0.5}
		if err := app.DB.CreateReport(context.Background(), r, nil, []byte(r.Reference), nil); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	for _, size := range []struct{ w, h int64 }{{phoneW, phoneH}, {1280, 900}} {
		mobile := chromedp.EmulateMobile
		if size.w > 1000 {
			mobile = nil
		}
		opts := []chromedp.EmulateViewportOption{}
		if mobile != nil {
			opts = append(opts, mobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h, opts...), chromedp.Navigate(base+"/stats"),
			chromedp.WaitVisible(chromedp.CSS("#weeks svg"))); err != nil {
			t.Fatal(err)
		}
		// Every chart is drawn: a box on the screen within the page's
		// width, and the bars of its figures.
		charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]map[string]float64](`Array.from(document.querySelectorAll("svg.chart-svg")).map(s => {
			const b = s.getBoundingClientRect();
			return {width: b.width, height: b.height, right: b.right, bars: s.querySelectorAll("rect, polyline").length};
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if len(charts) < 8 { // weeks, organisations, tools, payments, countries, three currencies
			t.Errorf("at %d px: %d charts, want 8", size.w, len(charts))
		}
		for i, c := range charts {
			if c["width"] < 200 || c["height"] < 60 || c["right"] > float64(size.w) || c["bars"] < 2 {
				t.Errorf("at %d px chart %d is drawn %v", size.w, i, c)
			}
		}
		if size.w == phoneW {
			w, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
			if err != nil || w > phoneW {
				t.Errorf("/stats is %d px wide on a %d px screen (%v)", w, phoneW, err)
			}
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		if got := int64(img.Bounds().Dx()); got != size.w {
			t.Errorf("the screenshot is %d px wide, want %d", got, size.w)
		}
		name := fmt.Sprintf("stats-%d.png", size.w)
		for _, d := range []string{dir, os.Getenv("HANGUP_SCREENSHOT_DIR")} {
			if d == "" {
				continue
			}
			if err := os.WriteFile(filepath.Join(d, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s: %d × %d px, in %s", name, img.Bounds().Dx(), img.Bounds().Dy(), dir)
	}
}
