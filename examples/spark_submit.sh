#!/usr/bin/env bash
# Code a folder of Parquet articles on a Spark cluster with `parley batch --engine spark`.
# See docs/batch.md ("Running on a cluster"). Pick the block for your cluster manager.
#
#   examples/spark_submit.sh yarn hdfs:///news/2024/ hdfs:///parley/2024/
#   examples/spark_submit.sh k8s  s3a://news/2024/   s3a://parley/2024/
set -euo pipefail

manager=${1:?usage: $0 yarn|k8s INPUT OUTPUT}
input=${2:?usage: $0 yarn|k8s INPUT OUTPUT}
output=${3:?usage: $0 yarn|k8s INPUT OUTPUT}
executors=${EXECUTORS:-20}

case "$manager" in
yarn)
  # Ship a packed virtualenv that has parley installed (the model is inside the wheel):
  #   python -m venv env && env/bin/pip install 'parley[spark]' venv-pack && env/bin/venv-pack -o parley_env.tar.gz
  driver=$(python -c 'import parley.batch.submit as s; print(s.__file__)')
  spark-submit \
    --master yarn --deploy-mode cluster \
    --archives parley_env.tar.gz#env \
    --conf spark.pyspark.python=./env/bin/python \
    --conf spark.executorEnv.OMP_NUM_THREADS=1 \
    --num-executors "$executors" --executor-cores 4 --executor-memory 4g \
    --conf spark.executor.memoryOverhead=2g \
    --conf spark.task.maxFailures=4 \
    "$driver" "$input" "$output" --partitions $((executors * 4 * 4))
  ;;
k8s)
  # An image with parley installed, e.g. FROM apache/spark-py + `pip install 'parley[spark]'`;
  # the driver script is then a file inside the image (local:// means "in the container").
  site=/usr/local/lib/python3.11/site-packages
  spark-submit \
    --master "k8s://${K8S_API:?set K8S_API=https://host:port}" --deploy-mode cluster \
    --name parley-batch \
    --conf spark.kubernetes.container.image="${IMAGE:?set IMAGE=registry/parley-spark:0.1}" \
    --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
    --conf spark.executor.instances="$executors" \
    --conf spark.executor.cores=4 --conf spark.executor.memory=4g \
    --conf spark.executor.memoryOverhead=2g \
    --conf spark.executorEnv.OMP_NUM_THREADS=1 \
    --conf spark.task.maxFailures=4 \
    "local://$site/parley/batch/submit.py" "$input" "$output" --partitions $((executors * 4 * 4))
  ;;
*)
  echo "usage: $0 yarn|k8s INPUT OUTPUT" >&2
  exit 2
  ;;
esac
