module github.com/kapi/kapi/tools/protobuf-gen

go 1.26
