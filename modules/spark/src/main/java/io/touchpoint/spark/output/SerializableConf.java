package io.touchpoint.spark.output;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration shipped to the tasks that write table files, so they reach the
 * output (HDFS, S3A credentials, ...) as the driver does. Hadoop's {@link Configuration} is
 * {@code Writable}, not {@code Serializable}.
 */
public final class SerializableConf implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient Configuration conf;

    public SerializableConf(Configuration conf) {
        this.conf = conf;
    }

    public Configuration get() {
        return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
