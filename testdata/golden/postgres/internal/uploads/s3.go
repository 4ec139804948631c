// S3 stores uploads in a bucket of any S3-compatible service (AWS S3, Cloudflare R2,
// Backblaze B2, MinIO, Tigris on fly.io), with STORAGE_TYPE=s3 and the S3_* settings.

package uploads

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Settings are what NewS3 needs; config.Config holds them as S3_BUCKET, S3_REGION,
// S3_ENDPOINT_URL, S3_ACCESS_KEY and S3_SECRET_KEY.
type S3Settings struct {
	Bucket    string
	Region    string
	Endpoint  string // such as https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000
	AccessKey string
	SecretKey string
}

// S3 is a Storage in an S3 bucket.
type S3 struct {
	client *minio.Client
	bucket string
}

// NewS3 connects to the bucket and checks that it exists, so a wrong setting stops the app
// at start instead of failing the first upload.
func NewS3(ctx context.Context, s S3Settings) (*S3, error) {
	endpoint, err := url.Parse(s.Endpoint)
	if err != nil || endpoint.Host == "" {
		return nil, fmt.Errorf("S3_ENDPOINT_URL %q is not an address such as https://s3.amazonaws.com", s.Endpoint)
	}
	client, err := minio.New(endpoint.Host, &minio.Options{
		Creds:  credentials.NewStaticV4(s.AccessKey, s.SecretKey, ""),
		Secure: endpoint.Scheme == "https",
		Region: s.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("connect to S3 at %s: %w", s.Endpoint, err)
	}
	exists, err := client.BucketExists(ctx, s.Bucket)
	if err != nil {
		return nil, fmt.Errorf("reach S3 bucket %q at %s: %w (check S3_ENDPOINT_URL and the keys)", s.Bucket, s.Endpoint, err)
	}
	if !exists {
		return nil, fmt.Errorf("S3 bucket %q does not exist at %s: create it, or set S3_BUCKET to one that does", s.Bucket, s.Endpoint)
	}
	return &S3{client: client, bucket: s.Bucket}, nil
}

// Put uploads the object with the content type the app found (Accept), never the browser's.
func (s *S3) Put(ctx context.Context, key string, body io.Reader, size int64, contentType string) error {
	if !ValidKey(key) {
		return fmt.Errorf("put %q: not a key made by NewKey", key)
	}
	_, err := s.client.PutObject(ctx, s.bucket, key, body, size, minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("store upload %s in S3: %w", key, err)
	}
	return nil
}

// Open returns the object stored under key.
func (s *S3) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !ValidKey(key) {
		return nil, ErrNotFound
	}
	// Stat first: GetObject itself is lazy and would report a missing key only on Read.
	if _, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{}); err != nil {
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, ErrNotFound
		}
		return nil, err
	}
	return s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
}

// Delete removes the object stored under key; S3 does not mind a key that is not there.
func (s *S3) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return nil
	}
	return s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
}

// List calls each with the key of every object in the bucket that NewKey could have made.
func (s *S3) List(ctx context.Context, each func(key string, stored time.Time) error) error {
	for object := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{}) {
		if object.Err != nil {
			return object.Err
		}
		if ValidKey(object.Key) {
			if err := each(object.Key, object.LastModified); err != nil {
				return err
			}
		}
	}
	return nil
}
