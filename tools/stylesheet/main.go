// Command stylesheet prints the optional stylesheet for embedded documents, the one the
// API serves at /v1/assets/gdprdocs.css.
package main

import (
	"fmt"

	"github.com/gdprdocs/gdprdocs/generators/htmlpage"
)

func main() { fmt.Print(htmlpage.Stylesheet) }
