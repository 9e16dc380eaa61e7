module github.com/cekloker/cekloker

go 1.26
