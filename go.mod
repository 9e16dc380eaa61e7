module github.com/cekloker/cekloker

go 1.26.0

require (
	github.com/coregx/ahocorasick v0.3.1 // indirect
	github.com/mtibben/confusables v0.0.0-20210201002637-9d1b0723b659 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/text v0.44.0 // indirect
)
